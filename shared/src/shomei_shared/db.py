"""Engines and migrations."""

from __future__ import annotations

import select
import time
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import InvalidatePoolError, OperationalError
from sqlalchemy.pool import NullPool

from shomei_shared.eventstore.begin import allow_pipelined_begin


def make_engine(url: str, *, pool_size: int = 5) -> Engine:
    """Sessions in UTC, connections checked before use (a restarted database is survived)."""
    engine = create_engine(
        url,
        # A failing statement's error names the statement but never its values: they can be a
        # token hash, a sealed secret or personal data, and errors end up in logs (ADR 0023).
        hide_parameters=True,
        pool_size=pool_size,
        max_overflow=pool_size,
        connect_args={"options": "-c timezone=UTC", "connect_timeout": 5},
    )
    # Instead of pool_pre_ping, which costs a round trip at every checkout (a quarter of a
    # single-event append, docs/benchmarks.md).
    event.listen(engine, "checkout", _refuse_if_server_hung_up)
    allow_pipelined_begin(engine)
    return engine


def _refuse_if_server_hung_up(dbapi_connection: Any, record: Any, proxy: Any) -> None:
    """Check a pooled connection without a round trip: an idle connection has nothing to read
    unless the server has written to it, and a server that stops or terminates a backend
    (restart, failover, pg_terminate_backend) sends its FATAL message and closes the socket.
    So only a readable socket costs a ping; a closed connection or a failed ping makes the pool
    replace every connection it holds, as a failed pre-ping does."""
    if not dbapi_connection.closed:
        poller = select.poll()  # not select.select(): that fails on descriptors above 1023
        poller.register(dbapi_connection.fileno(), select.POLLIN)
        if not poller.poll(0):
            return
        try:
            _ping(dbapi_connection)
            return
        except Exception:  # noqa: BLE001 - whatever the failure, the connection is unusable
            pass
    raise InvalidatePoolError("the server closed this pooled connection")


def _ping(dbapi_connection: Any) -> None:
    # In autocommit, so that the ping does not open a transaction.
    before = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    try:
        dbapi_connection.execute(";")
    finally:
        if not dbapi_connection.closed:
            dbapi_connection.autocommit = before


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
    engine = create_engine(url, poolclass=NullPool, hide_parameters=True)
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
