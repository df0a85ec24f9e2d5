"""The `eventsourcing` library's PostgreSQL application recorder, as its own factory sets it up.

Defaults are the library's except the pool, sized like our engine's (5) so that four writer
threads do not queue for a single connection: that would be our doing, not the library's.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore

from bench.event_store.workload import EVENT_TYPE, Batch
from shomei_devtools.postgres import LocalPostgres

# The library stores a "module:Class" topic per event, where we store the type name.
LIBRARY_TOPIC = f"bench.orders:{EVENT_TYPE}"
# Its JSONTranscoder's encoder: the standard library's, compact, non-ASCII kept, built once.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


class Library:
    name = "eventsourcing"

    def __init__(self, server: LocalPostgres, database: str) -> None:
        self.datastore = PostgresDatastore(
            dbname=database, host="127.0.0.1", port=server.port, user=server.user,
            password=server.password, pool_size=5,
        )
        self.recorder = PostgresApplicationRecorder(self.datastore)
        self.recorder.create_table()

    def prepare(self, batches: list[Batch]) -> list[Any]:
        # The same ~200-byte document as ours gets, still a dict: each side turns it into JSON in
        # its timed append, with its own encoder (ours orjson in the store; the library the
        # standard library's, in its mapper in real use). Before, the library was handed bytes
        # encoded outside the clock.
        return [[(uuid.UUID(e.aggregate_id), e.version, e.payload) for e in batch] for batch in batches]

    def stream_key(self, aggregate_id: str) -> Any:
        return uuid.UUID(aggregate_id)

    def append(self, batch: Any) -> None:
        encode = _ENCODER.encode
        stored = [StoredEvent(originator_id=originator, originator_version=version, topic=LIBRARY_TOPIC,
                              state=encode(payload).encode()) for originator, version, payload in batch]
        # Its own transaction per call: LOCK TABLE ... IN EXCLUSIVE MODE, NOTIFY, INSERT, COMMIT.
        self.recorder.insert_events(stored)

    def read(self, key: Any) -> int:
        return len(self.recorder.select_events(key))

    def close(self) -> None:
        self.datastore.close()
