"""Running a service's consumer process: `run_consumer(...)` from its entrypoint module."""

from __future__ import annotations

import threading

from sqlalchemy import Engine

from shomei_shared.consumer.consumer import Handler, IdempotentConsumer, kafka_consumer
from shomei_shared.messaging.registry import EventRegistry
from shomei_shared.outbox.publisher import KafkaPublisher
from shomei_shared.process import run_until_signalled


def run_consumer(
    engine: Engine, bootstrap: str, group: str, topics: list[str], handler: Handler,
    registry: EventRegistry | None = None,
) -> None:
    """Consume `topics` as `group` until signalled; dead letters go to `dlq.<group>`."""
    dead_letters = KafkaPublisher(bootstrap, client_id=f"{group}-dlq")
    consumer = IdempotentConsumer(engine, group, handler, dead_letters, registry=registry)

    def work(stop: threading.Event) -> None:
        kafka = kafka_consumer(bootstrap, group, topics)
        try:
            consumer.run(kafka, stop)
        finally:
            kafka.close()
            dead_letters.close()

    run_until_signalled(work)
