"""The event store on PostgreSQL, appending in the caller's transaction (the unit of work's)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from psycopg.errors import UniqueViolation
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from shomei_shared.eventstore.errors import ConcurrencyError
from shomei_shared.eventstore.ports import check_contiguous
from shomei_shared.messaging.envelope import Envelope

# One statement, one round trip, whatever the batch size (so the server can keep it prepared).
# Each aggregate's first new version must follow a committed predecessor written by an *older*
# transaction: per aggregate, txid then never decreases with the version, which is what lets the
# relay publish in (txid, id) order without reordering an aggregate (docs/adr/0003).
# The check is a scalar subquery (NULL when there is no predecessor, which refuses the row), not
# `OR EXISTS`: PostgreSQL may cache a generic plan for EXISTS that scans all of `events` on every
# append (bench/event_store/plan_check.py shows it). Parameters travel in binary (`%(x)b`), so
# JSON payloads are not quoted and escaped as text.
_APPEND = """
INSERT INTO events (message_id, topic, type, version, tenant_id, aggregate_id, aggregate_version,
                    occurred_at, correlation_id, causation_id, payload)
SELECT v.message_id, %(topic)b, v.type, v.version, v.tenant_id, v.aggregate_id, v.aggregate_version,
       v.occurred_at, v.correlation_id, v.causation_id, v.payload
FROM unnest(%(message_id)b::uuid[], %(type)b::text[], %(version)b::int[], %(tenant_id)b::text[],
            %(aggregate_id)b::text[], %(aggregate_version)b::int[], %(occurred_at)b::timestamptz[],
            %(correlation_id)b::text[], %(causation_id)b::text[], %(payload)b::jsonb[],
            %(check_predecessor)b::bool[])
     AS v(message_id, type, version, tenant_id, aggregate_id, aggregate_version, occurred_at,
          correlation_id, causation_id, payload, check_predecessor)
WHERE NOT v.check_predecessor OR (
    SELECT e.txid <= pg_current_xact_id() FROM events e
    WHERE e.aggregate_id = v.aggregate_id AND e.aggregate_version = v.aggregate_version - 1)
"""

_LOAD = """
SELECT message_id::text, type, version, tenant_id, aggregate_id, aggregate_version, occurred_at,
       correlation_id, causation_id, payload
FROM events WHERE aggregate_id = %s AND aggregate_version > %s ORDER BY aggregate_version
"""


class PostgresEventStore:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def append(self, topic: str, envelopes: Sequence[Envelope]) -> None:
        if not envelopes:
            return
        first_versions = check_contiguous(envelopes)
        params = {
            "topic": topic,
            "message_id": [e.message_id for e in envelopes],
            "type": [e.type for e in envelopes],
            "version": [e.version for e in envelopes],
            "tenant_id": [e.tenant_id for e in envelopes],
            "aggregate_id": [e.aggregate_id for e in envelopes],
            "aggregate_version": [e.aggregate_version for e in envelopes],
            "occurred_at": [e.occurred_at for e in envelopes],
            "correlation_id": [e.correlation_id for e in envelopes],
            "causation_id": [e.causation_id for e in envelopes],
            "payload": [json.dumps(e.payload, ensure_ascii=False) for e in envelopes],
            "check_predecessor": [
                e.aggregate_version > 1 and first_versions[e.aggregate_id] == e.aggregate_version
                for e in envelopes
            ],
        }
        try:
            result = self._connection.exec_driver_sql(_APPEND, params)
        except IntegrityError as error:
            if isinstance(error.orig, UniqueViolation):
                raise ConcurrencyError(_conflict(envelopes)) from error
            raise
        if result.rowcount != len(envelopes):
            raise ConcurrencyError(_conflict(envelopes))

    def load(self, aggregate_id: str, after_version: int = 0) -> list[Envelope]:
        rows = self._connection.exec_driver_sql(_LOAD, (aggregate_id, after_version)).all()
        return [
            Envelope(
                message_id=row[0], type=row[1], version=row[2], tenant_id=row[3],
                aggregate_id=row[4], aggregate_version=row[5], occurred_at=row[6],
                correlation_id=row[7], causation_id=row[8], payload=row[9],
            )
            for row in rows
        ]

    def save_snapshot(self, aggregate_id: str, aggregate_version: int, state: bytes) -> None:
        self._connection.exec_driver_sql(
            "INSERT INTO snapshots (aggregate_id, aggregate_version, state) VALUES (%s, %s, %s) "
            "ON CONFLICT (aggregate_id) DO UPDATE SET aggregate_version = excluded.aggregate_version, "
            "state = excluded.state, taken_at = now() "
            "WHERE snapshots.aggregate_version < excluded.aggregate_version",
            (aggregate_id, aggregate_version, state),
        )

    def load_snapshot(self, aggregate_id: str) -> tuple[int, bytes] | None:
        row = self._connection.exec_driver_sql(
            "SELECT aggregate_version, state FROM snapshots WHERE aggregate_id = %s", (aggregate_id,)
        ).first()
        return None if row is None else (int(row[0]), bytes(row[1]))


def _conflict(envelopes: Sequence[Envelope]) -> str:
    aggregates = sorted({e.aggregate_id for e in envelopes})
    return f"another writer appended to {', '.join(aggregates)} first"
