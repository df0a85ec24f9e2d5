"""A plain psycopg INSERT of the same row into the same table: the floor under any event store.

No ordering or predecessor checks, no SQLAlchemy: a connection per concurrent writer, reused,
one transaction per batch, `executemany` of a parameterised INSERT (psycopg pipelines it).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from bench.event_store.contestants import MIGRATIONS, TOPIC
from bench.event_store.workload import EVENT_TYPE, TENANT, Batch
from shomei_devtools.postgres import LocalPostgres
from shomei_shared.db import migrate

_INSERT = """
INSERT INTO events (message_id, topic, type, version, tenant_id, aggregate_id, aggregate_version,
                    occurred_at, correlation_id, causation_id, payload)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
"""
_SELECT = """
SELECT message_id::text, type, version, tenant_id, aggregate_id, aggregate_version, occurred_at,
       correlation_id, causation_id, payload
FROM events WHERE aggregate_id = %s ORDER BY aggregate_version
"""


class Raw:
    name = "raw psycopg"

    def __init__(self, server: LocalPostgres, database: str) -> None:
        # Our schema (same columns, indexes and txid default), so only the code path differs.
        migrate(server.url(database), MIGRATIONS)
        self._dsn = server.dsn(database) + " options='-c timezone=UTC'"
        # Idle connections; each call borrows one, so there are never more than writer threads.
        self._idle: queue.SimpleQueue[psycopg.Connection[Any]] = queue.SimpleQueue()
        self._all: list[psycopg.Connection[Any]] = []
        self._lock = threading.Lock()

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = psycopg.connect(self._dsn, autocommit=True)
            with self._lock:
                self._all.append(conn)
        try:
            yield conn
        finally:
            self._idle.put(conn)

    def prepare(self, batches: list[Batch]) -> list[Any]:
        return [
            [
                (e.message_id, TOPIC, EVENT_TYPE, 1, TENANT, e.aggregate_id, e.version, e.occurred_at,
                 None, None, Jsonb(e.payload))
                for e in batch
            ]
            for batch in batches
        ]

    def stream_key(self, aggregate_id: str) -> Any:
        return aggregate_id

    def append(self, batch: Any) -> None:
        with self._connection() as conn, conn.transaction(), conn.cursor() as cur:
            cur.executemany(_INSERT, batch)

    def read(self, key: Any) -> int:
        with self._connection() as conn:
            return len(conn.execute(_SELECT, (key,)).fetchall())

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
