"""`python -m shomei_identity.entrypoints.reseal`: seal every secret again under the current key.

Rotating the seal key (docs/adr/0021): put the new key first in SHOMEI_SECRET_SEAL_KEY and keep
the old one after it (`new:<key>,old:<key>`), restart every identity process, run this, then
remove the old key. Prints counts and key ids only, never a key or a secret.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from typing import TextIO

from shomei_identity.bootstrap import bootstrap
from shomei_identity.entrypoints.migrate import migrate_when_ready
from shomei_identity.service_layer.commands import ResealSecrets
from shomei_identity.settings import load_settings
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging


def main(argv: list[str] | None = None, out: TextIO = sys.stdout, env: Mapping[str, str] | None = None) -> None:
    argparse.ArgumentParser(description="Seal every secret again under the current seal key.").parse_args(argv)
    settings = load_settings(env)
    configure_logging("identity-reseal", settings.log_level)
    migrate_when_ready(settings.database_url)
    engine = make_engine(settings.database_url, pool_size=1)
    try:
        report = bootstrap(settings, engine).handle(ResealSecrets())
    finally:
        engine.dispose()
    out.write(f"key_id={report.key_id}\nresealed_secrets={report.secrets}\nresealed_totp_secrets={report.totp_secrets}\n")


if __name__ == "__main__":
    main()
