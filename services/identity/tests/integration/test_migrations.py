from __future__ import annotations

from collections.abc import Callable

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, pool

from shomei_identity.adapters.tables import metadata
from shomei_identity.entrypoints.migrate import MIGRATIONS, migrate_when_ready
from shomei_shared.db import migrate

TABLES = {"accounts", "login_guards", "one_time_tokens", "sealed_secrets", "sessions", "staff_members", "events",
          "processed_messages"}


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


def test_the_migration_matches_the_tables_the_code_uses(new_database: Callable[[str], str]) -> None:
    url = new_database("identity_drift")
    migrate(url, MIGRATIONS)
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": _identity_tables_only})
            differences = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    assert differences == []


def _identity_tables_only(name: str | None, type_: str, parent_names: dict[str, str | None]) -> bool:
    """The machinery's tables belong to shared's metadata; compare only identity's own."""
    table = name if type_ == "table" else parent_names.get("table_name")
    return type_ == "schema" or table in metadata.tables
