"""A consumer whose effects happen once, however often Kafka delivers.

For each message one database transaction records (group, message_id) in processed_messages and
runs the handler; a message already recorded is skipped. Offsets are committed to Kafka only
after that transaction commits, so a crash in between redelivers a message the ledger already
knows. A handler that keeps failing sends its message to the group's dead-letter topic.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from kafka import KafkaConsumer, OffsetAndMetadata, TopicPartition
from sqlalchemy import Connection, Engine

from shomei_shared import metrics
from shomei_shared.consumer.dead_letters import to_dead_letter
from shomei_shared.kafka_net import KafkaConnection, client_config
from shomei_shared.logs import correlation
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.messaging.registry import EventRegistry
from shomei_shared.outbox.publisher import Publisher

log = logging.getLogger(__name__)

Handler = Callable[[Envelope, Connection], None]

_RECORD = """
INSERT INTO processed_messages (consumer_group, message_id, topic) VALUES (%s, %s, %s)
ON CONFLICT DO NOTHING
"""


class Outcome(Enum):
    HANDLED = "handled"
    DUPLICATE = "duplicate"
    DEAD_LETTERED = "dead_lettered"


@dataclass(frozen=True)
class Delivery:
    """One Kafka record as the consumer received it."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    headers: list[tuple[str, bytes]]


class IdempotentConsumer:
    def __init__(
        self,
        engine: Engine,
        group: str,
        handler: Handler,
        dead_letters: Publisher,
        *,
        registry: EventRegistry | None = None,
        max_attempts: int = 3,
        retry_backoff_s: float = 0.2,
        after_commit: Callable[[Delivery], None] | None = None,
    ) -> None:
        self._engine = engine
        self.group = group
        self._handler = handler
        self._dead_letters = dead_letters
        self._registry = registry
        self._max_attempts = max_attempts
        self._retry_backoff_s = retry_backoff_s
        # Called after the database commit and before the offset commit (observability; the
        # crash tests use it to die exactly there).
        self._after_commit = after_commit

    def process(self, delivery: Delivery) -> Outcome:
        try:
            envelope = Envelope.from_json(delivery.value)
            if self._registry is not None:
                envelope = self._registry.read(envelope)
        except Exception as error:  # noqa: BLE001 - unreadable: retrying cannot help
            return self._dead_letter(delivery, error)
        with correlation(envelope.correlation_id or envelope.message_id):
            for attempt in range(1, self._max_attempts + 1):
                try:
                    outcome = self._handle_once(envelope, delivery)
                    metrics.HANDLED.labels(self.group, outcome.value).inc()
                    return outcome
                except Exception as error:  # noqa: BLE001 - retried, then dead-lettered
                    metrics.HANDLER_ERRORS.labels(self.group, envelope.type).inc()
                    log.warning("handler failed (attempt %d/%d) for %s %s: %r", attempt,
                                self._max_attempts, envelope.type, envelope.message_id, error)
                    if attempt == self._max_attempts:
                        return self._dead_letter(delivery, error)
                    time.sleep(self._retry_backoff_s * attempt)
        raise AssertionError("unreachable")

    def _handle_once(self, envelope: Envelope, delivery: Delivery) -> Outcome:
        with self._engine.begin() as conn:
            fresh = conn.exec_driver_sql(_RECORD, (self.group, envelope.message_id, delivery.topic)).rowcount
            if fresh:
                self._handler(envelope, conn)
        if self._after_commit is not None:
            self._after_commit(delivery)
        return Outcome.HANDLED if fresh else Outcome.DUPLICATE

    def _dead_letter(self, delivery: Delivery, error: BaseException) -> Outcome:
        log.error("dead-lettering %s[%d]@%d: %s", delivery.topic, delivery.partition,
                  delivery.offset, type(error).__name__)
        self._dead_letters.publish([to_dead_letter(
            self.group, delivery.topic, delivery.partition, delivery.offset,
            delivery.key, delivery.value, delivery.headers, error,
        )])
        metrics.HANDLED.labels(self.group, Outcome.DEAD_LETTERED.value).inc()
        return Outcome.DEAD_LETTERED

    def run(self, kafka: KafkaConsumer, stop: threading.Event, *, poll_timeout_ms: int = 500) -> None:
        """Consume until `stop` is set. `kafka` must be subscribed with auto-commit off."""
        while not stop.is_set():
            batches: dict[TopicPartition, list[Any]] = kafka.poll(timeout_ms=poll_timeout_ms)
            for partition, records in batches.items():
                for record in records:
                    self.process(Delivery(record.topic, record.partition, record.offset,
                                          record.key, record.value, list(record.headers or [])))
                # Only now, after every effect of this batch committed, move the offset on.
                kafka.commit({partition: OffsetAndMetadata(records[-1].offset + 1, "", -1)})
            self._record_lag(kafka)

    def _record_lag(self, kafka: KafkaConsumer) -> None:
        for partition in kafka.assignment():
            end = kafka.highwater(partition)
            if end is not None:
                lag = max(end - kafka.position(partition), 0)
                metrics.CONSUMER_LAG.labels(self.group, partition.topic, partition.partition).set(lag)


def kafka_consumer(connection: KafkaConnection, group: str, topics: list[str], **overrides: Any) -> KafkaConsumer:
    """A KafkaConsumer configured the way IdempotentConsumer needs it."""
    config: dict[str, Any] = {
        **client_config(connection),
        "group_id": group,
        "enable_auto_commit": False,
        "auto_offset_reset": "earliest",
        "max_poll_records": 500,
        "isolation_level": "read_committed",
        # A group leader that lacks a topic's partitions when it assigns leaves that topic out
        # until its metadata next refreshes (5 minutes by default): seen once as a 申請受付 mail
        # that never came. 30 s bounds that; each refresh is one small request.
        "metadata_max_age_ms": 30_000,
    }
    config.update(overrides)
    consumer = KafkaConsumer(**config)
    # Learn every subscribed topic's partitions before joining the group, so the first
    # assignment already covers them all.
    for topic in topics:
        consumer.partitions_for_topic(topic)
    consumer.subscribe(topics)
    return consumer
