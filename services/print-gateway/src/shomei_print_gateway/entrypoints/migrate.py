"""Apply print-gateway's migrations: `python -m shomei_print_gateway.entrypoints.migrate`.

Safe to run from several processes at start: the shared runner waits for the database, and an
advisory lock lets one process migrate while the others wait.
"""

from __future__ import annotations

from pathlib import Path

from shomei_print_gateway.settings import load_settings
from shomei_shared.db import migrate_when_ready as migrate_shared

# services/print-gateway/migrations, beside src/ (the package is installed editable).
MIGRATIONS = Path(__file__).resolve().parents[3] / "migrations"


def migrate_when_ready(url: str, timeout_s: float = 120.0) -> None:
    migrate_shared(url, MIGRATIONS, wait_s=timeout_s)


def main() -> None:
    migrate_when_ready(load_settings().database_url)


if __name__ == "__main__":
    main()
