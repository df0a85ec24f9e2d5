"""Identity's migrations under concurrent start and downgrade. That the schema matches the
models is checked for every service in tests/integration/test_migrations_do_not_drift.py."""

from __future__ import annotations

from collections.abc import Callable

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect, pool

from shomei_identity.entrypoints.migrate import MIGRATIONS, migrate_when_ready
from shomei_shared.db import migrate

TABLES = {"accounts", "login_guards", "known_devices", "one_time_tokens", "sealed_secrets", "sessions",
          "staff_members", "events", "processed_messages"}


def tables(url: str) -> set[str]:
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def downgrade_to_base(url: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.downgrade(config, "base")


def test_migrations_apply_repeatedly_and_downgrade_cleanly(new_database: Callable[[str], str]) -> None:
    url = new_database("identity_migrations")
    migrate_when_ready(url)
    migrate_when_ready(url)  # a second process at start finds nothing to do
    assert tables(url) >= TABLES
    downgrade_to_base(url)
    assert tables(url) <= {"alembic_version"}
    migrate(url, MIGRATIONS)
    assert tables(url) >= TABLES

