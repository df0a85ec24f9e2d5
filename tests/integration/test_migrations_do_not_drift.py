"""Every service's migrations build exactly the schema its models describe, and stay frozen
(docs/adr/0013).

These tests live here, beside the other tests that span services, because they are one rule for
all of them: they discover every `services/*/migrations` folder, so a new service is covered
without editing this file.

- The drift test migrates an empty database through the shared runner (`shomei_shared.migrate`,
  what every process of a service runs at start), then has Alembic's autogenerate compare it
  with the target metadata the service's `env.py` declares: the service's tables and the
  machinery's (events, snapshots, relay_checkpoints, processed_messages). Any difference — a
  table, column, type, nullability, server default, index, unique constraint or foreign key on
  one side only — fails it.
- That comparison cannot see a revision that builds its tables from the live metadata: such a
  revision matches by construction today and means something else tomorrow. So a second test
  reads the revisions (and the machinery's frozen steps they call) and refuses imports of table
  modules and `create_all` / `drop_all`.
- A third takes every service back down to an empty schema, so the written-out downgrades stay
  true to the upgrades.
"""

from __future__ import annotations

import ast
import pprint
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.runtime.environment import EnvironmentContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, create_engine, inspect, pool
from sqlalchemy.dialects.postgresql.base import PGDialect

from shomei_devtools.paths import project_root
from shomei_shared.eventstore.types import Xid8
from shomei_shared.migrate import main as migrate_main

MIGRATION_DIRS = sorted((project_root() / "services").glob("*/migrations"))
# The machinery's frozen steps, which service revisions call.
MACHINERY_STEPS = project_root() / "shared" / "src" / "shomei_shared" / "eventstore" / "migration.py"
SERVICES = [path.parent.name for path in MIGRATION_DIRS]


def alembic_config(url: str, migrations: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def schema_differences(url: str, migrations: Path) -> list[Any]:
    """Autogenerate's differences between the database and the metadata `env.py` declares.

    env.py is run as Alembic runs it, with a callback in place of the revisions, so the test
    compares with exactly what the service declares rather than with a guess at its modules."""
    config = alembic_config(url, migrations)
    script = ScriptDirectory.from_config(config)
    found: list[Any] = []

    def compare(_heads: Any, context: MigrationContext) -> list[Any]:
        target: MetaData | Sequence[MetaData] | None = context.opts.get("target_metadata")
        assert target, f"{migrations / 'env.py'} declares no target metadata to compare with"
        # Server defaults too (off in Alembic by default): a lost DEFAULT breaks inserts just as
        # surely as a lost column.
        strict = MigrationContext.configure(
            context.connection, opts={"compare_type": True, "compare_server_default": True}
        )
        found.extend(compare_metadata(strict, target))  # type: ignore[arg-type]  # a list is accepted
        return []  # apply nothing: this pass only reads

    # SQLAlchemy reflects xid8 as NullType, which Alembic never compares; taught the name, it
    # checks the outbox's txid columns like any other (only here, not in the services).
    with mock.patch.dict(PGDialect.ischema_names, {"xid8": Xid8}), EnvironmentContext(config, script, fn=compare):
        script.run_env()
    return found


def table_names(url: str) -> set[str]:
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


@pytest.mark.parametrize("migrations", MIGRATION_DIRS, ids=SERVICES)
def test_migrations_build_exactly_what_the_models_describe(
    migrations: Path, new_database: Callable[[str], str]
) -> None:
    url = new_database(f"{migrations.parent.name}_drift")
    migrate_main([url, str(migrations)])
    differences = schema_differences(url, migrations)
    assert differences == [], "the migrations and the models differ:\n" + pprint.pformat(differences)


@pytest.mark.parametrize("migrations", MIGRATION_DIRS, ids=SERVICES)
def test_migrations_downgrade_to_an_empty_schema(migrations: Path, new_database: Callable[[str], str]) -> None:
    url = new_database(f"{migrations.parent.name}_down")
    migrate_main([url, str(migrations)])
    command.downgrade(alembic_config(url, migrations), "base")
    assert table_names(url) <= {"alembic_version"}
    migrate_main([url, str(migrations)])  # and up again, as a rolled-back deploy would
    assert schema_differences(url, migrations) == []


def frozen_violations(source: Path) -> list[str]:
    """What in one revision file would let its meaning follow the live tables."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source.read_text(), str(source))):
        if isinstance(node, ast.Import | ast.ImportFrom):
            modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            found += [f"{source}:{node.lineno} imports {m}" for m in modules if m.rsplit(".", 1)[-1] == "tables"]
        elif isinstance(node, ast.Attribute) and node.attr in ("create_all", "drop_all"):
            found.append(f"{source}:{node.lineno} calls {node.attr}")
    return found


def test_revisions_describe_their_change_instead_of_importing_the_live_tables() -> None:
    revisions = sorted(path for migrations in MIGRATION_DIRS for path in (migrations / "versions").glob("*.py"))
    assert revisions, "no service revisions found under services/*/migrations/versions"
    sources = [*revisions, MACHINERY_STEPS]
    assert [v for source in sources for v in frozen_violations(source)] == []
