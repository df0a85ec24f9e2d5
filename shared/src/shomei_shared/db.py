"""Engines and migrations."""

from __future__ import annotations

import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool


def make_engine(url: str, *, pool_size: int = 5) -> Engine:
    """Sessions in UTC, connections checked before use (a restarted database is survived)."""
    return create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
        connect_args={"options": "-c timezone=UTC", "connect_timeout": 5},
    )


def migrate(url: str, script_location: Path, revision: str = "head") -> None:
    """Apply a service's Alembic migrations; the only way its schema changes."""
    config = Config()
    config.set_main_option("script_location", str(script_location))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(config, revision)


def migrate_when_ready(url: str, script_location: Path, *, wait_s: float = 120.0) -> None:
    """Wait for the database, then migrate while holding an advisory lock, so that every process
    of a service (web workers, consumer, relay; several replicas) may call this at start and
    exactly one of them applies each revision."""
    engine = create_engine(url, poolclass=NullPool)
    deadline = time.monotonic() + wait_s
    while True:
        try:
            connection = engine.connect()
            break
        except OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1.0)
    with connection:
        connection.exec_driver_sql("SELECT pg_advisory_lock(hashtext('shomei-migrate'))")
        try:
            migrate(url, script_location)
        finally:
            connection.exec_driver_sql("SELECT pg_advisory_unlock(hashtext('shomei-migrate'))")
    engine.dispose()
