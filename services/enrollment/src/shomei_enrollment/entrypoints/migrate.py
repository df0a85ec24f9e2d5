"""Apply enrollment's migrations: `python -m shomei_enrollment.entrypoints.migrate`.

Safe to run from several processes at start (web, consumer): it waits for the database to
answer, and an advisory lock lets one process migrate while the others wait for it.
"""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import create_engine, pool, text
from sqlalchemy.exc import OperationalError

from shomei_enrollment.config import EnrollmentSettings
from shomei_shared.db import migrate

# services/enrollment/migrations, beside src/ (the package is installed editable).
MIGRATIONS = Path(__file__).resolve().parents[3] / "migrations"
_LOCK_KEY = 0x5E0E_0001  # any constant; only enrollment's migrators take it in this database


def migrate_when_ready(url: str, timeout_s: float = 120.0) -> None:
    engine = create_engine(url, poolclass=pool.NullPool)
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            try:
                with engine.connect() as conn:
                    conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _LOCK_KEY})
                    try:
                        migrate(url, MIGRATIONS)
                    finally:
                        conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _LOCK_KEY})
                return
            except OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1.0)  # PostgreSQL is still starting (make run starts everything at once)
    finally:
        engine.dispose()


def main() -> None:
    migrate_when_ready(EnrollmentSettings.from_env().database_url)


if __name__ == "__main__":
    main()
