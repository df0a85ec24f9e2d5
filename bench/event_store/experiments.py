"""Bench-only variants of our store, to measure changes proposed for shared/ before making them.

Only `python -m bench.event_store --experiments` runs these; the headline figures always come
from the real PostgresEventStore. Each variant changes one named thing, so its ratio against
plain "shomei" in the same run is the measured effect of that change:

- "shomei+scalar": the predecessor check as a scalar subquery instead of `OR EXISTS (...)`.
  PostgreSQL can turn the EXISTS into a *hashed* subplan that reads every committed row of
  `events` (custom plans at 100 rows/append; the cached generic plan at any size, once a
  connection has run a few large appends) - cost that grows with the table. A scalar subquery
  cannot be hashed, so it stays one unique-index probe per checked row.
- "shomei+tuned": the above, plus binary parameters (`%(x)b`: psycopg otherwise quotes every
  JSON payload, character by character, into a text-format array literal), an engine without
  pre-ping (one round trip less per transaction) and stream reads on autocommit connections
  (no BEGIN/ROLLBACK; psycopg drops its prepared statements at every ROLLBACK).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, create_engine

from bench.event_store.contestants import TOPIC, Contestant
from bench.event_store.ours import Ours
from shomei_devtools.postgres import LocalPostgres
from shomei_shared.eventstore.errors import ConcurrencyError
from shomei_shared.eventstore.ports import check_contiguous
from shomei_shared.eventstore.postgres import PostgresEventStore
from shomei_shared.messaging.envelope import Envelope

# shared/'s _APPEND with only the WHERE clause changed (NULL when the predecessor is missing).
SCALAR_APPEND = """
INSERT INTO events (message_id, topic, type, version, tenant_id, aggregate_id, aggregate_version,
                    occurred_at, correlation_id, causation_id, payload)
SELECT v.message_id, %(topic)s, v.type, v.version, v.tenant_id, v.aggregate_id, v.aggregate_version,
       v.occurred_at, v.correlation_id, v.causation_id, v.payload
FROM unnest(%(message_id)s::uuid[], %(type)s::text[], %(version)s::int[], %(tenant_id)s::text[],
            %(aggregate_id)s::text[], %(aggregate_version)s::int[], %(occurred_at)s::timestamptz[],
            %(correlation_id)s::text[], %(causation_id)s::text[], %(payload)s::jsonb[],
            %(check_predecessor)s::bool[])
     AS v(message_id, type, version, tenant_id, aggregate_id, aggregate_version, occurred_at,
          correlation_id, causation_id, payload, check_predecessor)
WHERE NOT v.check_predecessor OR (
    SELECT e.txid <= pg_current_xact_id() FROM events e
    WHERE e.aggregate_id = v.aggregate_id AND e.aggregate_version = v.aggregate_version - 1)
"""
BINARY_APPEND = re.sub(r"%\((\w+)\)s", r"%(\1)b", SCALAR_APPEND)


class VariantStore(PostgresEventStore):
    """PostgresEventStore with another append statement; load() and the rest are the real ones."""

    def __init__(self, connection: Connection, statement: str) -> None:
        super().__init__(connection)
        self._statement = statement

    def append(self, topic: str, envelopes: Sequence[Envelope]) -> None:
        # Same parameters and the same refusal as the real append (duplicates aside: the
        # benchmark never writes any, so the UniqueViolation mapping is left out).
        if not envelopes:
            return
        first = check_contiguous(envelopes)
        params = {
            "topic": topic,
            "message_id": [e.message_id for e in envelopes], "type": [e.type for e in envelopes],
            "version": [e.version for e in envelopes], "tenant_id": [e.tenant_id for e in envelopes],
            "aggregate_id": [e.aggregate_id for e in envelopes],
            "aggregate_version": [e.aggregate_version for e in envelopes],
            "occurred_at": [e.occurred_at for e in envelopes],
            "correlation_id": [e.correlation_id for e in envelopes],
            "causation_id": [e.causation_id for e in envelopes],
            "payload": [json.dumps(e.payload, ensure_ascii=False) for e in envelopes],
            "check_predecessor": [e.aggregate_version > 1 and first[e.aggregate_id] == e.aggregate_version
                                  for e in envelopes],
        }
        if self._connection.exec_driver_sql(self._statement, params).rowcount != len(envelopes):
            raise ConcurrencyError("another writer appended first")


class Scalar(Ours):
    def append(self, batch: Any) -> None:
        with self.engine.begin() as conn:
            VariantStore(conn, SCALAR_APPEND).append(TOPIC, batch)


class Tuned(Ours):
    def __init__(self, url: str) -> None:
        # make_engine() without pool_pre_ping; everything else as in shared/db.py.
        engine = create_engine(url, pool_size=5, max_overflow=5,
                               connect_args={"options": "-c timezone=UTC", "connect_timeout": 5})
        super().__init__(url, name="shomei+tuned", engine=engine)
        self._reader = engine.execution_options(isolation_level="AUTOCOMMIT")

    def append(self, batch: Any) -> None:
        with self.engine.begin() as conn:
            VariantStore(conn, BINARY_APPEND).append(TOPIC, batch)

    def read(self, key: Any) -> int:
        with self._reader.connect() as conn:
            return len(PostgresEventStore(conn).load(key))


def variants(server: LocalPostgres) -> list[Contestant]:
    made: list[Contestant] = []
    for database, make in (("bench_scalar", lambda url: Scalar(url, name="shomei+scalar")),
                           ("bench_tuned", Tuned)):
        server.create_database(database)
        made.append(make(server.url(database)))
    return made
