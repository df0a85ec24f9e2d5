"""Publishing records to Kafka (acks=all, idempotent), and an in-memory fake for unit tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from kafka import KafkaProducer

from shomei_shared.kafka_net import KafkaConnection, client_config


@dataclass(frozen=True)
class OutgoingRecord:
    topic: str
    key: bytes
    value: bytes
    headers: Sequence[tuple[str, bytes]] = ()


class Publisher(Protocol):
    def publish(self, records: Sequence[OutgoingRecord]) -> None:
        """Deliver all records, in order per key, or raise; returns only once all are acknowledged."""

    def close(self) -> None: ...


class KafkaPublisher:
    def __init__(self, connection: KafkaConnection, *, client_id: str = "shomei", timeout_s: float = 30.0):
        self._timeout_s = timeout_s
        self._producer = KafkaProducer(
            **client_config(connection),
            client_id=client_id,
            acks="all",
            # Retries without duplicates or reordering inside a partition (up to 5 in flight).
            enable_idempotence=True,
            max_in_flight_requests_per_connection=5,
            linger_ms=5,
            batch_size=256 * 1024,
            compression_type=None,
            delivery_timeout_ms=int(timeout_s * 1000),
            request_timeout_ms=min(int(timeout_s * 500), 15000),  # < delivery timeout - linger
            max_block_ms=int(timeout_s * 1000),
            allow_auto_create_topics=False,
        )

    def publish(self, records: Sequence[OutgoingRecord]) -> None:
        futures = [
            self._producer.send(r.topic, key=r.key, value=r.value, headers=list(r.headers))
            for r in records
        ]
        self._producer.flush(timeout=self._timeout_s)
        for future in futures:
            future.get(timeout=0)  # raises the delivery error, if any

    def close(self) -> None:
        self._producer.close(timeout=5)


@dataclass
class InMemoryPublisher:
    """Keeps what it was given; `fail_next` makes the next publish raise, like a broker outage."""

    records: list[OutgoingRecord] = field(default_factory=list)
    fail_next: int = 0

    def publish(self, records: Sequence[OutgoingRecord]) -> None:
        if self.fail_next:
            self.fail_next -= 1
            raise ConnectionError("broker unavailable (simulated)")
        self.records.extend(records)

    def close(self) -> None:
        pass
