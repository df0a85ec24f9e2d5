"""The idempotent consumer against real Kafka and PostgreSQL: effects happen exactly once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from kafka_helpers import event
from sqlalchemy import Engine, text

from shomei_devtools.kafka import LocalKafka
from shomei_shared.consumer.consumer import Delivery, IdempotentConsumer, Outcome
from shomei_shared.consumer.dead_letters import dead_letter_topic
from shomei_shared.consumer.dlq_cli import list_dead_letters, replay
from shomei_shared.kafka_net import KafkaConnection
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.outbox.publisher import InMemoryPublisher, KafkaPublisher, OutgoingRecord
from shomei_shared.settings import kafka_environment

PROCESS = Path(__file__).parent.parent / "consumer_process.py"


@pytest.fixture
def effects(engine: Engine) -> Engine:
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE effects (message_id text, aggregate_id text)"))  # no unique key on purpose
    return engine


def effect_count(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT message_id, count(*) FROM effects GROUP BY message_id")).all()
    return {row[0]: int(row[1]) for row in rows}


def produce(connection: KafkaConnection, topic: str, envelopes: list[Envelope]) -> None:
    publisher = KafkaPublisher(connection)
    publisher.publish([OutgoingRecord(topic, e.aggregate_id.encode(), e.to_json()) for e in envelopes])
    publisher.close()


@pytest.fixture
def run_consumer(db_url: str, kafka_server: LocalKafka) -> Iterator[Callable[..., subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []

    def start(group: str, topic: str, *extra: str) -> subprocess.Popen[str]:
        # Test groups and topics belong to no service: the process runs as the tooling's user.
        process = subprocess.Popen([sys.executable, str(PROCESS), db_url, group, topic, *extra],
                                   env={**os.environ, **kafka_environment(kafka_server.admin)},
                                   stdout=subprocess.PIPE, text=True)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


def wait_for(condition: Callable[[], bool], timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        time.sleep(0.2)


def delivery(envelope: Envelope, offset: int = 0) -> Delivery:
    return Delivery("t.acc", 0, offset, envelope.aggregate_id.encode(), envelope.to_json(), [])


def record_effect(envelope: Envelope, conn: object) -> None:
    conn.execute(text("INSERT INTO effects VALUES (:m, :a)"),  # type: ignore[attr-defined]
                 {"m": envelope.message_id, "a": envelope.aggregate_id})


def test_a_redelivered_message_has_its_effect_once(effects: Engine) -> None:
    consumer = IdempotentConsumer(effects, "g", record_effect, InMemoryPublisher())
    message = event("a", 1)
    assert consumer.process(delivery(message)) is Outcome.HANDLED
    assert consumer.process(delivery(message, offset=1)) is Outcome.DUPLICATE
    assert effect_count(effects) == {message.message_id: 1}


def test_a_failing_handler_leaves_no_partial_effect_and_is_dead_lettered(effects: Engine) -> None:
    attempts: list[int] = []

    def half_then_fail(envelope: Envelope, conn: object) -> None:
        attempts.append(1)
        record_effect(envelope, conn)
        raise RuntimeError("downstream refused")

    dead = InMemoryPublisher()
    consumer = IdempotentConsumer(effects, "g", half_then_fail, dead, max_attempts=3, retry_backoff_s=0)
    assert consumer.process(delivery(event("a", 1))) is Outcome.DEAD_LETTERED
    assert len(attempts) == 3
    assert effect_count(effects) == {}
    (letter,) = dead.records
    headers = dict(letter.headers)
    assert letter.topic == dead_letter_topic("g")
    assert headers["dlq.error"] == b"RuntimeError: downstream refused"
    assert headers["dlq.original_topic"] == b"t.acc"


def test_an_unreadable_message_goes_straight_to_the_dead_letters(effects: Engine) -> None:
    dead = InMemoryPublisher()
    consumer = IdempotentConsumer(effects, "g", record_effect, dead)
    outcome = consumer.process(Delivery("t.acc", 0, 7, b"k", b"{not json", []))
    assert outcome is Outcome.DEAD_LETTERED and dead.records[0].value == b"{not json"


def test_consumer_killed_between_database_commit_and_offset_commit_has_each_effect_once(
    effects: Engine, kafka_server: LocalKafka, new_topic: Callable[..., str],
    run_consumer: Callable[..., subprocess.Popen[str]],
) -> None:
    topic = new_topic("kill", partitions=1)
    new_topic(name=dead_letter_topic("kill-group"))
    messages = [event("a", v) for v in range(1, 21)]
    produce(kafka_server.admin, topic, messages)

    first = run_consumer("kill-group", topic, "--die-after-commit", "5")
    assert first.wait(timeout=60) == -9  # killed itself right after the 5th database commit
    assert len(effect_count(effects)) == 5
    run_consumer("kill-group", topic)
    wait_for(lambda: len(effect_count(effects)) == 20)
    time.sleep(1)  # a duplicate effect, if the ledger failed, would land now
    assert effect_count(effects) == {m.message_id: 1 for m in messages}


def test_poison_message_is_dead_lettered_then_replayed_to_a_fixed_handler_once(
    effects: Engine, kafka_server: LocalKafka, new_topic: Callable[..., str],
    run_consumer: Callable[..., subprocess.Popen[str]],
) -> None:
    group = "poison-group"
    topic = new_topic("poison")
    new_topic(name=dead_letter_topic(group), partitions=1)
    poison = event("p", 1, poison="yes")
    healthy = [event("h", v) for v in range(1, 6)]
    produce(kafka_server.admin, topic, [*healthy, poison])

    broken = run_consumer(group, topic, "--fail-on", "yes")
    wait_for(lambda: len(effect_count(effects)) == 5)
    wait_for(lambda: list_dead_letters(kafka_server.admin, group) == 1)
    broken.terminate()
    assert broken.wait(timeout=30) == 0
    assert poison.message_id not in effect_count(effects)

    run_consumer(group, topic)  # the fixed handler
    assert replay(kafka_server.admin, group) == 1
    wait_for(lambda: poison.message_id in effect_count(effects))
    assert replay(kafka_server.admin, group) == 0  # already replayed: not again
    time.sleep(1)
    assert effect_count(effects) == {m.message_id: 1 for m in [*healthy, poison]}
