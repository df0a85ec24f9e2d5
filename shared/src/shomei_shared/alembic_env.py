"""The body of every service's Alembic env.py: `run_migrations(metadata)` and nothing else."""

from __future__ import annotations

from collections.abc import Sequence

from alembic import context
from sqlalchemy import MetaData, create_engine, pool


def run_migrations(target_metadata: MetaData | Sequence[MetaData] | None = None) -> None:
    """`target_metadata`: every table the revisions create (the service's and the machinery's),
    for autogenerate and the drift test; it never decides what a revision does."""
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("sqlalchemy.url is not set for the migration")
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(url, poolclass=pool.NullPool, hide_parameters=True)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
