"""BEGIN and a transaction's first statement in one round trip, on engines that allow it.

psycopg sends its implicit BEGIN and waits for the answer before the first statement of a
transaction, even in pipeline mode (a libpq trace shows it). In autocommit mode it sends no
BEGIN of its own, so the store switches an idle connection to autocommit, and sends BEGIN (with
the connection's isolation level, as psycopg would) and its statement through one pipeline.
The server is then in a transaction block, which is all that matters to it: the caller's later
statements, savepoints, COMMIT and ROLLBACK behave exactly as before.

psycopg refuses to switch autocommit back inside a transaction, so the switch is undone once
the transaction has ended: when SQLAlchemy begins the connection's next transaction, when the
pool takes the connection back, or at the store's next statement, whichever comes first. Only
engines set up by `allow_pipelined_begin()` get this; on others the store leaves BEGIN to
psycopg.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus
from sqlalchemy import Connection, Engine, event

# Keys in the pool's record of each DBAPI connection (PoolProxiedConnection.info).
_ALLOWED = "shomei.eventstore.pipelined_begin"
_SWITCHED = "shomei.eventstore.autocommit_switched"


def allow_pipelined_begin(engine: Engine) -> None:
    if not psycopg.Pipeline.is_supported():  # libpq older than 14
        return
    event.listen(engine, "connect", _mark_allowed)
    event.listen(engine, "begin", _undo_at_begin)
    event.listen(engine, "checkin", _undo_at_checkin)


def can_begin_here(connection: Connection, raw: psycopg.Connection[Any]) -> bool:
    """Whether this statement would be the first of a transaction psycopg is about to begin."""
    info = connection.connection.info
    undo_switch(raw, info)
    return bool(info.get(_ALLOWED)) and not raw.autocommit and raw.info.transaction_status == TransactionStatus.IDLE


def begin_and_execute(connection: Connection, raw: psycopg.Connection[Any], statement: str,
                      params: Sequence[Any] | Mapping[str, Any]) -> psycopg.Cursor[Any]:
    info = connection.connection.info
    begin = _begin_statement(raw)
    raw.autocommit = True
    info[_SWITCHED] = True
    try:
        cursor = raw.cursor(binary=True)
        with raw.pipeline():
            raw.execute(begin)
            cursor.execute(statement, params, prepare=True)
    except BaseException:
        undo_switch(raw, info)  # if BEGIN never ran, the caller's next statements must not autocommit
        raise
    return cursor


def undo_switch(raw: psycopg.Connection[Any], info: MutableMapping[str, Any]) -> None:
    if info.get(_SWITCHED) and not raw.closed and raw.info.transaction_status == TransactionStatus.IDLE:
        raw.autocommit = False
        del info[_SWITCHED]


def _begin_statement(raw: psycopg.Connection[Any]) -> str:
    # What psycopg itself would send for this connection's settings.
    parts = ["BEGIN"]
    if raw.isolation_level is not None:
        parts.append("ISOLATION LEVEL " + raw.isolation_level.name.replace("_", " "))
    if raw.read_only is not None:
        parts.append("READ ONLY" if raw.read_only else "READ WRITE")
    if raw.deferrable is not None:
        parts.append("DEFERRABLE" if raw.deferrable else "NOT DEFERRABLE")
    return " ".join(parts)


def _mark_allowed(dbapi_connection: Any, record: Any) -> None:
    record.info[_ALLOWED] = True


def _undo_at_begin(connection: Connection) -> None:
    raw = connection.connection.driver_connection
    if raw is not None:
        undo_switch(raw, connection.connection.info)


def _undo_at_checkin(dbapi_connection: Any, record: Any) -> None:
    if dbapi_connection is not None:
        undo_switch(dbapi_connection, record.info)
