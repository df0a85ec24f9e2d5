"""`python -m shomei_identity.entrypoints.seed_staff --tenant demo-univ --email staff@demo-univ.example`

Creates (or resets) a demo staff member and prints the password and TOTP secret to stdout only:
they must never reach the log.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from shomei_identity.bootstrap import bootstrap
from shomei_identity.domain.staff import ROLES
from shomei_identity.entrypoints.migrate import migrate_when_ready
from shomei_identity.service_layer.commands import SeedStaff
from shomei_identity.settings import load_settings
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging


def main(argv: list[str] | None = None, out: TextIO = sys.stdout) -> None:
    parser = argparse.ArgumentParser(description="Create or reset a staff account (demo).")
    parser.add_argument("--tenant", required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--roles", default=",".join(sorted(ROLES)), help="comma-separated roles")
    args = parser.parse_args(argv)
    settings = load_settings()
    configure_logging("identity-seed", settings.log_level)
    migrate_when_ready(settings.database_url)
    engine = make_engine(settings.database_url, pool_size=1)
    try:
        seeded = bootstrap(settings, engine).handle(
            SeedStaff(args.tenant, args.email, tuple(r.strip() for r in args.roles.split(",") if r.strip())))
    finally:
        engine.dispose()
    out.write(f"tenant={args.tenant}\nstaff_id={seeded.staff_id}\nemail={args.email}\npassword={seeded.password}\n"
              f"totp_secret={seeded.totp_secret}\n")


if __name__ == "__main__":
    main()
