"""The event store on PostgreSQL, appending in the caller's transaction (the unit of work's).

Statements run on the psycopg connection under the caller's SQLAlchemy one (driver.py says
why), prepared, with binary parameters; the SQL is in statements.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
from psycopg.errors import UniqueViolation
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from shomei_shared.eventstore.driver import execute, fetch_outside_transaction
from shomei_shared.eventstore.errors import ConcurrencyError
from shomei_shared.eventstore.ports import check_contiguous
from shomei_shared.eventstore.statements import APPEND, APPEND_ONE, LOAD, LOAD_SNAPSHOT, SAVE_SNAPSHOT
from shomei_shared.messaging.envelope import Envelope


def _encode(payload: dict[str, Any]) -> str:
    # The same compact UTF-8 text that json.dumps(ensure_ascii=False, separators=(",", ":")) gives
    # the JSON-ready payloads the registry validates, ~0.3 µs a 200-byte payload where the
    # standard library's encoder took 3-7 µs: the largest client cost of a 100-event append
    # (docs/benchmarks.md). Non-string keys become strings, as with json.dumps.
    return orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS).decode()


class PostgresEventStore:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def append(self, topic: str, envelopes: Sequence[Envelope]) -> None:
        if not envelopes:
            return
        first_versions = check_contiguous(envelopes)
        encode = _encode
        # One tuple per event in STORED_FIELDS order, then whether its predecessor must be checked
        # (only the aggregate's first version in this batch, unless it is version 1).
        rows = [
            (e.message_id, e.type, e.version, e.tenant_id, e.aggregate_id, e.aggregate_version, e.occurred_at,
             e.correlation_id, e.causation_id, encode(e.payload),
             e.aggregate_version > 1 and first_versions[e.aggregate_id] == e.aggregate_version)
            for e in envelopes
        ]
        statement, params = (
            (APPEND_ONE, (topic, *rows[0])) if len(rows) == 1
            else (APPEND, (topic, *(list(column) for column in zip(*rows, strict=True))))
        )
        try:
            cursor = execute(self._connection, statement, params)
        except IntegrityError as error:
            if isinstance(error.orig, UniqueViolation):
                raise ConcurrencyError(_conflict(envelopes)) from error
            raise
        if cursor.rowcount != len(envelopes):
            raise ConcurrencyError(_conflict(envelopes))

    def load(self, aggregate_id: str, after_version: int = 0) -> list[Envelope]:
        rows = fetch_outside_transaction(self._connection, LOAD, (aggregate_id, after_version))
        return Envelope.from_stored_rows(aggregate_id, rows)

    def save_snapshot(self, aggregate_id: str, aggregate_version: int, state: bytes) -> None:
        execute(self._connection, SAVE_SNAPSHOT, (aggregate_id, aggregate_version, state))

    def load_snapshot(self, aggregate_id: str) -> tuple[int, bytes] | None:
        rows: list[tuple[Any, ...]] = fetch_outside_transaction(self._connection, LOAD_SNAPSHOT, (aggregate_id,))
        return (int(rows[0][0]), bytes(rows[0][1])) if rows else None


def _conflict(envelopes: Sequence[Envelope]) -> str:
    aggregates = sorted({e.aggregate_id for e in envelopes})
    return f"another writer appended to {', '.join(aggregates)} first"
