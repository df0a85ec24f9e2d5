"""`python -m shomei_shared.migrate DATABASE_URL MIGRATIONS_DIR`: wait for the database, then
bring its schema to the newest revision (safe to run from many processes at once)."""

from __future__ import annotations

import sys
from pathlib import Path

from shomei_shared.db import migrate_when_ready


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        raise SystemExit(__doc__)
    migrate_when_ready(args[0], Path(args[1]))


if __name__ == "__main__":
    main()
