"""The event store's statements, run on the psycopg connection under the caller's SQLAlchemy one.

Why not `Connection.exec_driver_sql`: at one event per transaction SQLAlchemy's execution
machinery (execution context, events, result wrapping) cost about as much client CPU as the
database's own work, and it offers neither psycopg's pipeline mode nor explicit prepared
statements. The transaction stays the caller's: the statements run on the same session, inside
whatever the SQLAlchemy Connection has begun (a transaction or a savepoint; BEGIN itself may
travel with the first statement, see begin.py), and errors reach the caller as the SQLAlchemy
exceptions `exec_driver_sql` would have raised.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

import psycopg
from psycopg.pq import TransactionStatus
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from shomei_shared.eventstore.begin import begin_and_execute, can_begin_here, undo_switch

Params = Sequence[Any] | Mapping[str, Any]


def execute(connection: Connection, statement: str, params: Params) -> psycopg.Cursor[Any]:
    """Run one prepared statement in the caller's transaction; its rows are on the cursor."""
    raw = _driver_connection(connection)
    if not connection.in_transaction():
        # What SQLAlchemy's autobegin would do, so that the caller's commit() commits this.
        connection.begin()
    try:
        if can_begin_here(connection, raw):
            return begin_and_execute(connection, raw, statement, params)
        return raw.cursor(binary=True).execute(statement, params, prepare=True)
    except psycopg.Error as error:
        raise _translated(connection, statement, params, error) from error


def fetch_outside_transaction(connection: Connection, statement: str, params: Params) -> list[tuple[Any, ...]]:
    """Rows of one read-only statement; outside a transaction when the caller has none open.

    A lone statement outside any transaction sees one snapshot, exactly what it sees as the
    first statement of a READ COMMITTED transaction. Running it in autocommit spares the BEGIN
    and the ROLLBACK the pool sends when the connection comes back (a round trip each), and
    psycopg forgets its prepared statements at every ROLLBACK. Under a stricter isolation level
    the first statement fixes the snapshot of the ones after it, so those callers keep theirs.
    """
    raw = _driver_connection(connection)
    undo_switch(raw, connection.connection.info)
    if (connection.in_transaction() or raw.autocommit or raw.info.transaction_status != TransactionStatus.IDLE
            or not _read_committed(connection, raw)):
        return execute(connection, statement, params).fetchall()
    raw.autocommit = True
    try:
        return raw.cursor(binary=True).execute(statement, params, prepare=True).fetchall()
    except psycopg.Error as error:
        raise _translated(connection, statement, params, error) from error
    finally:
        # A broken connection refuses the switch back; the pool discards it anyway (invalidated).
        if not raw.closed and raw.info.transaction_status == TransactionStatus.IDLE:
            raw.autocommit = False


def _driver_connection(connection: Connection) -> psycopg.Connection[Any]:
    raw = connection.connection.driver_connection
    if not isinstance(raw, psycopg.Connection):
        raise TypeError("the event store needs a psycopg (version 3) connection")
    return raw


def _read_committed(connection: Connection, raw: psycopg.Connection[Any]) -> bool:
    if raw.isolation_level is None:  # the server's default, which SQLAlchemy read at first connect
        return bool(connection.dialect.default_isolation_level == "READ COMMITTED")
    return raw.isolation_level == psycopg.IsolationLevel.READ_COMMITTED


def _translated(connection: Connection, statement: str, params: Params,
                error: psycopg.Error) -> BaseException:
    """The SQLAlchemy exception `exec_driver_sql` raises for this error, with the same effect on
    the pool: a connection the server dropped is invalidated, not handed out again."""
    # SQLAlchemy types DBAPI errors by a protocol psycopg's classes do not declare.
    disconnected = connection.dialect.is_disconnect(cast(Any, error), connection.connection, None)
    if disconnected and not connection.invalidated:
        connection.invalidate(error)
    return DBAPIError.instance(statement, params, error, psycopg.Error, connection_invalidated=disconnected,
                               dialect=connection.dialect)
