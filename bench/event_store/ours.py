"""Our event store, used exactly as a service's unit of work uses it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from bench.event_store.contestants import MIGRATIONS, TOPIC
from bench.event_store.workload import EVENT_TYPE, TENANT, Batch
from shomei_shared.db import make_engine, migrate
from shomei_shared.eventstore.postgres import PostgresEventStore
from shomei_shared.messaging.envelope import Envelope


class Ours:
    def __init__(self, url: str, *, name: str = "shomei", engine: Engine | None = None) -> None:
        migrate(url, MIGRATIONS)
        self.name = name
        # The production engine (pool of 5, checked at checkout, UTC sessions) unless a caller swaps it.
        self.engine = engine if engine is not None else make_engine(url)

    def prepare(self, batches: list[Batch]) -> list[Any]:
        return [
            [
                Envelope(type=EVENT_TYPE, version=1, tenant_id=TENANT, aggregate_id=e.aggregate_id,
                         aggregate_version=e.version, payload=e.payload, message_id=e.message_id,
                         occurred_at=e.occurred_at)
                for e in batch
            ]
            for batch in batches
        ]

    def stream_key(self, aggregate_id: str) -> Any:
        return aggregate_id

    def append(self, batch: Any) -> None:
        # One transaction per batch, the append inside it: what SqlAlchemyUnitOfWork.commit() does.
        with self.engine.begin() as conn:
            PostgresEventStore(conn).append(TOPIC, batch)

    def read(self, key: Any) -> int:
        with self.engine.connect() as conn:
            return len(PostgresEventStore(conn).load(key))

    def close(self) -> None:
        self.engine.dispose()
