"""Helpers for tests that write events and read what reached Kafka."""

from __future__ import annotations

import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from kafka import KafkaConsumer, TopicPartition
from sqlalchemy import Engine

from shomei_shared.eventstore.postgres import PostgresEventStore
from shomei_shared.kafka_net import KafkaConnection, client_config
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.outbox.publisher import KafkaPublisher
from shomei_shared.outbox.relay import OutboxRelay


def event(aggregate_id: str, version: int, **payload: object) -> Envelope:
    return Envelope(type="Deposited", version=2, tenant_id="t1", aggregate_id=aggregate_id,
                    aggregate_version=version, payload={"amount": version, "currency": "JPY", **payload})


def append(engine: Engine, topic: str, envelopes: list[Envelope]) -> None:
    with engine.begin() as conn:
        PostgresEventStore(conn).append(topic, envelopes)


def read_topic(connection: KafkaConnection, topic: str, *, at_least: int, timeout_s: float = 60) -> list[Envelope]:
    """Everything on the topic, partition by partition in offset order, once `at_least` arrived."""
    consumer = KafkaConsumer(**client_config(connection), enable_auto_commit=False, group_id=None)
    partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or [])]
    consumer.assign(partitions)
    consumer.seek_to_beginning()
    received: dict[int, list[Envelope]] = defaultdict(list)
    deadline = time.monotonic() + timeout_s
    while sum(map(len, received.values())) < at_least and time.monotonic() < deadline:
        for tp, records in consumer.poll(timeout_ms=500).items():
            received[tp.partition].extend(Envelope.from_json(r.value) for r in records)
    # Drain a little longer so duplicates beyond `at_least` are counted too.
    for tp, records in consumer.poll(timeout_ms=1000).items():
        received[tp.partition].extend(Envelope.from_json(r.value) for r in records)
    consumer.close()
    return [e for p in sorted(received) for e in received[p]]


def check_delivery(received: list[Envelope], expected: set[str]) -> int:
    """Every expected event arrived, each aggregate's in version order; returns duplicates."""
    first_seen: dict[str, list[int]] = defaultdict(list)
    seen: set[str] = set()
    duplicates = 0
    for envelope in received:
        if envelope.message_id in seen:
            duplicates += 1
            continue
        seen.add(envelope.message_id)
        first_seen[envelope.aggregate_id].append(envelope.aggregate_version)
    missing = expected - seen
    assert not missing, f"{len(missing)} events never arrived"
    for aggregate, versions in first_seen.items():
        assert versions == sorted(versions), f"{aggregate} arrived out of order: {versions[:20]}"
        assert versions == list(range(1, len(versions) + 1)), f"{aggregate} has gaps"
    return duplicates


@contextmanager
def running_relay(engine: Engine, connection: KafkaConnection, *, batch_size: int = 500) -> Iterator[OutboxRelay]:
    relay = OutboxRelay(engine, lambda: KafkaPublisher(connection, timeout_s=10), batch_size=batch_size,
                        name=f"test-{uuid.uuid4().hex[:6]}")
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
    thread.start()
    try:
        yield relay
    finally:
        stop.set()
        thread.join(timeout=30)
