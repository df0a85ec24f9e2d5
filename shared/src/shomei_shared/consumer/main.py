"""Running a service's consumer process: `run_consumer(...)` from its entrypoint module."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

from kafka import KafkaAdminClient
from kafka.errors import KafkaError
from sqlalchemy import Engine

from shomei_shared.consumer.consumer import Handler, IdempotentConsumer, kafka_consumer
from shomei_shared.consumer.dead_letters import dead_letter_topic
from shomei_shared.kafka_net import KafkaConnection, broker_listening, client_config
from shomei_shared.messaging.registry import EventRegistry
from shomei_shared.outbox.publisher import KafkaPublisher
from shomei_shared.process import run_until_signalled

log = logging.getLogger(__name__)
T = TypeVar("T")


def wait_for_topics(connection: KafkaConnection, topics: list[str], stop: threading.Event) -> None:
    while not stop.is_set():
        if not broker_listening(connection.bootstrap):  # no client yet: it would log every refused connection
            stop.wait(1.0)
            continue
        try:
            # Only topics we may describe are listed: a missing ACL looks like a missing topic.
            admin = KafkaAdminClient(**client_config(connection), request_timeout_ms=5000)
            try:
                missing = set(topics) - set(admin.list_topics())
            finally:
                admin.close()
            if not missing:
                return
            log.info("waiting for topics %s", sorted(missing))
        except Exception as error:  # noqa: BLE001 - the broker may still be starting
            log.info("waiting for Kafka: %r", error)
        stop.wait(1.0)


def _patiently(make: Callable[[], T], what: str, stop: threading.Event) -> T | None:
    """`make()`, tried again while the broker is slow to answer (a loaded machine, a restart)
    rather than ending the process; None when stopped first."""
    while not stop.is_set():
        try:
            return make()
        except KafkaError as error:
            log.info("waiting for Kafka (%s): %r", what, error)
            stop.wait(1.0)
    return None


def run_consumer(
    engine: Engine, connection: KafkaConnection, group: str, topics: list[str], handler: Handler,
    registry: EventRegistry | None = None,
) -> None:
    """Consume `topics` as `group` until signalled; dead letters go to `dlq.<group>`."""

    def work(stop: threading.Event) -> None:
        # A subscription made before its topic exists may not notice the topic for minutes
        # (the metadata refresh interval): wait until start-up has created them all.
        wait_for_topics(connection, [*topics, dead_letter_topic(group)], stop)
        dead_letters = _patiently(lambda: KafkaPublisher(connection, client_id=f"{group}-dlq"),
                                  f"{group} dead letters", stop)
        if dead_letters is None:
            return
        kafka = _patiently(lambda: kafka_consumer(connection, group, topics), f"group {group}", stop)
        try:
            if kafka is not None:
                IdempotentConsumer(engine, group, handler, dead_letters, registry=registry).run(kafka, stop)
        finally:
            if kafka is not None:
                kafka.close()
            dead_letters.close()

    run_until_signalled(work)
