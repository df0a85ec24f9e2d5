"""A service's consumer run in a thread for the length of a `with` block, for tests that carry
events through real Kafka between services (as each service's consumer process runs it)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine

from shomei_devtools.kafka import LocalKafka
from shomei_shared.consumer.consumer import IdempotentConsumer, kafka_consumer
from shomei_shared.outbox.publisher import InMemoryPublisher
from shomei_shared.service import Service


@contextmanager
def consuming(kafka: LocalKafka, user: str, engine: Engine, group: str, topics: list[str],
              service: Service[Any]) -> Iterator[None]:
    """`service` hears `topics` as group `group`, with Kafka user `user`'s credentials."""
    consumer = IdempotentConsumer(engine, group, service.consume, InMemoryPublisher())
    stop = threading.Event()
    source = kafka_consumer(kafka.connection(user), group, topics)
    worker = threading.Thread(target=consumer.run, args=(source, stop), daemon=True)
    worker.start()
    try:
        yield
    finally:
        stop.set()
        worker.join(timeout=30)
        source.close()
