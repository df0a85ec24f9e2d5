"""Filling the outbox (untimed) and draining it through the real relay (timed)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine

from bench.event_store.workload import EVENT_TYPE, TENANT, batches
from shomei_shared.eventstore.postgres import PostgresEventStore
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.outbox.publisher import KafkaPublisher, OutgoingRecord
from shomei_shared.outbox.relay import OutboxRelay

INSERT_BATCH = 1000  # events per transaction while filling the backlog: fast, and not measured


def fill(engine: Engine, topic: str, events: int) -> float:
    """Append `events` events with the real store; returns events/s (reported, not compared)."""
    prepared = [
        [Envelope(type=EVENT_TYPE, version=1, tenant_id=TENANT, aggregate_id=e.aggregate_id,
                  aggregate_version=e.version, payload=e.payload, message_id=e.message_id,
                  occurred_at=e.occurred_at) for e in batch]
        for batch in batches(events, INSERT_BATCH)
    ]
    start = time.perf_counter()
    for batch in prepared:
        with engine.begin() as conn:
            PostgresEventStore(conn).append(topic, batch)
    return sum(len(b) for b in prepared) / (time.perf_counter() - start)


@dataclass
class MeasuringPublisher:
    """The real KafkaPublisher, counting what passes through: the record size the baseline must
    use is the relay's own JSON value (built by PostgreSQL), so we measure it rather than guess."""

    inner: KafkaPublisher
    records: int = 0
    value_bytes: int = 0
    key_and_header_bytes: int = 0

    def publish(self, records: Sequence[OutgoingRecord]) -> None:
        for record in records:  # a sum over ints: noise next to a Kafka round trip
            self.records += 1
            self.value_bytes += len(record.value)
            self.key_and_header_bytes += len(record.key) + sum(len(k) + len(v) for k, v in record.headers)
        self.inner.publish(records)

    def close(self) -> None:
        self.inner.close()

    @property
    def average_value_size(self) -> int:
        return round(self.value_bytes / self.records) if self.records else 0


def drain(engine: Engine, publisher: MeasuringPublisher, *, name: str, batch_size: int, expected: int) -> float:
    """Relay the whole backlog with `run_once()` until it returns 0; returns records/s.

    The publisher is built (and connected) before the clock starts, as the baseline's producer
    is: both then pay the same first metadata request inside the timed part.
    """
    relay = OutboxRelay(engine, lambda: publisher, name=name, batch_size=batch_size)
    published = 0
    start = time.perf_counter()
    while (count := relay.run_once()) > 0:
        published += count
    elapsed = time.perf_counter() - start
    if published != expected:
        raise RuntimeError(f"relay published {published} records, expected {expected}")
    return published / elapsed
