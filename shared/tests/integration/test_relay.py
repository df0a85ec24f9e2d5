"""The outbox relay against real PostgreSQL and Kafka: nothing lost, skipped, reordered or leaked."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from kafka import KafkaConsumer, TopicPartition
from kafka_helpers import append, check_delivery, event, read_topic, running_relay
from sqlalchemy import Engine

from shomei_devtools.kafka import LocalKafka
from shomei_devtools.process import free_port
from shomei_devtools.topics import TopicSpec, ensure_topics
from shomei_shared.eventstore.errors import ConcurrencyError
from shomei_shared.eventstore.postgres import PostgresEventStore
from shomei_shared.kafka_net import KafkaConnection, client_config
from shomei_shared.outbox.publisher import InMemoryPublisher, KafkaPublisher
from shomei_shared.outbox.relay import OutboxRelay
from shomei_shared.settings import kafka_environment

BACKLOG = """
SELECT count(*) FROM events e, relay_checkpoints c
WHERE c.relay = %s AND (e.txid, e.id) > (c.last_txid, c.last_id)
"""


def wait_until_relayed(engine: Engine, relay: str, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with engine.connect() as conn:
            if conn.exec_driver_sql(BACKLOG, (relay,)).scalar_one() == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"relay {relay} did not catch up in {timeout_s}s")


def topic_size(connection: KafkaConnection, topic: str) -> int:
    consumer = KafkaConsumer(**client_config(connection))
    partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or []]
    total = sum(consumer.end_offsets(partitions).values())
    consumer.close()
    return total


def test_uncommitted_events_wait_and_rolled_back_ones_never_leave(engine: Engine) -> None:
    publisher = InMemoryPublisher()
    relay = OutboxRelay(engine, lambda: publisher, name="unit")
    with engine.connect() as slow:
        PostgresEventStore(slow).append("t.acc", [event("slow", 1)])  # lower id, still uncommitted
        append(engine, "t.acc", [event("fast", 1)])  # higher id, committed first
        with engine.connect() as doomed:
            PostgresEventStore(doomed).append("t.acc", [event("doomed", 1)])
            doomed.rollback()
        # An id-based relay would publish "fast" and then skip "slow" forever; ours waits.
        assert relay.run_once() == 0
        slow.commit()
    assert relay.run_once() == 2
    assert [r.key for r in publisher.records] == [b"slow", b"fast"]
    assert relay.run_once() == 0


def test_failed_publish_moves_nothing_forward(engine: Engine) -> None:
    publisher = InMemoryPublisher(fail_next=1)
    relay = OutboxRelay(engine, lambda: publisher, name="unit")
    append(engine, "t.acc", [event("a", 1), event("a", 2)])
    with pytest.raises(ConnectionError):
        relay.run_once()
    assert relay.run_once() == 2
    assert [r.key for r in publisher.records] == [b"a", b"a"]


def test_four_concurrent_writers_while_relaying_skip_nothing(
    engine: Engine, kafka_server: LocalKafka, new_topic: Callable[..., str]
) -> None:
    topic = new_topic("relay")
    expected: set[str] = set()
    lock = threading.Lock()
    aggregates = [f"agg-{n}" for n in range(24)]

    def writer(seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(150):
            while True:
                aggregate = rng.choice(aggregates)
                try:
                    with engine.begin() as conn:
                        store = PostgresEventStore(conn)
                        version = len(store.load(aggregate)) + 1
                        batch = [event(aggregate, version + i) for i in range(rng.randint(1, 3))]
                        store.append(topic, batch)
                        time.sleep(rng.random() / 200)  # commit late, out of id order
                    with lock:
                        expected.update(e.message_id for e in batch)
                    break
                except ConcurrencyError:
                    continue

    with running_relay(engine, kafka_server.admin, batch_size=50) as relay:
        writers = [threading.Thread(target=writer, args=(seed,)) for seed in range(4)]
        for thread in writers:
            thread.start()
        for thread in writers:
            thread.join()
        wait_until_relayed(engine, relay.name)
    received = read_topic(kafka_server.admin, topic, at_least=len(expected))
    duplicates = check_delivery(received, expected)
    assert duplicates == 0  # no crash happened, so nothing may arrive twice
    assert len(expected) >= 600


@pytest.mark.slow
def test_relay_killed_in_the_middle_of_10000_events_loses_nothing(
    engine: Engine, db_url: str, kafka_server: LocalKafka, new_topic: Callable[..., str]
) -> None:
    topic = new_topic("crash")
    expected: set[str] = set()

    def write(first_aggregate: int, count: int) -> None:
        for start in range(first_aggregate, first_aggregate + count, 10):
            batch = [event(f"agg-{n}", v) for n in range(start, start + 10) for v in range(1, 11)]
            append(engine, topic, batch)
            expected.update(e.message_id for e in batch)

    def start_relay() -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-m", "shomei_shared.outbox.main", "--database-url", db_url,
             "--name", "crash", "--batch-size", "250"],
            env={**os.environ, **kafka_environment(kafka_server.admin)}, stderr=subprocess.DEVNULL,
        )

    write(0, 500)  # 5,000 events before the relay starts
    relay = start_relay()
    late_writer = threading.Thread(target=write, args=(500, 500))  # 5,000 more while it runs
    late_writer.start()
    deadline = time.monotonic() + 120
    while topic_size(kafka_server.admin, topic) < 3000 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(relay.pid, signal.SIGKILL)
    relay.wait()
    killed_at = topic_size(kafka_server.admin, topic)
    late_writer.join()
    assert 0 < killed_at < 10_000, "the relay must be killed in the middle of the stream"

    relay = start_relay()
    try:
        wait_until_relayed(engine, "crash")
    finally:
        relay.send_signal(signal.SIGTERM)
        assert relay.wait(timeout=30) == 0
    received = read_topic(kafka_server.admin, topic, at_least=10_000)
    duplicates = check_delivery(received, expected)
    print(f"\nrelay SIGKILLed after {killed_at} of 10000 events; duplicates after restart: {duplicates}")
    assert len(expected) == 10_000
    assert duplicates <= 250 * 2, "at most the in-flight batch may be published twice"


@pytest.mark.slow
def test_broker_stopped_and_restarted_while_writing_loses_nothing(
    engine: Engine, tmp_path: Path
) -> None:
    broker = LocalKafka(tmp_path / "kafka", free_port(), free_port())
    broker.start(log=tmp_path / "kafka.log")
    try:
        topic = "outage.account"
        ensure_topics(broker.admin, [TopicSpec(topic, 3)])
        expected: set[str] = set()
        done = threading.Event()

        def writer() -> None:
            for n in range(300):
                batch = [event(f"agg-{n % 30}", n // 30 * 5 + v) for v in range(1, 6)]
                append(engine, topic, batch)
                expected.update(e.message_id for e in batch)
                time.sleep(0.02)
            done.set()

        relay = OutboxRelay(engine, lambda: KafkaPublisher(broker.admin, timeout_s=5),
                            name="outage", batch_size=100)
        stop = threading.Event()
        relaying = threading.Thread(target=relay.run, args=(stop,))
        relaying.start()
        writing = threading.Thread(target=writer)
        writing.start()
        time.sleep(1.5)
        broker.kill()  # crash, not a clean shutdown
        time.sleep(3)
        broker.start(log=tmp_path / "kafka.log")
        writing.join()
        wait_until_relayed(engine, "outage", timeout_s=180)
        stop.set()
        relaying.join(timeout=30)
        received = read_topic(broker.admin, topic, at_least=len(expected))
        duplicates = check_delivery(received, expected)
        print(f"\nbroker outage: {len(expected)} events delivered, {duplicates} duplicates")
    finally:
        broker.stop()


def test_only_one_relay_of_a_name_publishes_and_a_standby_takes_over(engine: Engine) -> None:
    first, second = InMemoryPublisher(), InMemoryPublisher()
    leader = OutboxRelay(engine, lambda: first, name="ha", idle_sleep_s=0.05)
    standby = OutboxRelay(engine, lambda: second, name="ha", idle_sleep_s=0.05)
    stop_leader, stop_standby = threading.Event(), threading.Event()
    threads = [threading.Thread(target=leader.run, args=(stop_leader,)),
               threading.Thread(target=standby.run, args=(stop_standby,))]
    threads[0].start()
    time.sleep(0.5)
    threads[1].start()
    append(engine, "t.acc", [event("a", 1)])
    deadline = time.monotonic() + 10
    while not first.records and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(first.records) == 1 and second.records == []
    stop_leader.set()
    threads[0].join(timeout=10)
    append(engine, "t.acc", [event("a", 2)])
    deadline = time.monotonic() + 10
    while not second.records and time.monotonic() < deadline:
        time.sleep(0.05)
    stop_standby.set()
    threads[1].join(timeout=10)
    # The standby resumes from the leader's checkpoint: v2 only, nothing twice.
    assert [r.key for r in second.records] == [b"a"] and len(second.records) == 1


def test_a_relay_started_before_its_database_waits_instead_of_dying() -> None:
    from shomei_shared.db import make_engine

    engine = make_engine(f"postgresql+psycopg://shomei:x@127.0.0.1:{free_port()}/nowhere")
    relay = OutboxRelay(engine, InMemoryPublisher, name="early")
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop,))
    thread.start()
    time.sleep(2)
    assert thread.is_alive()  # still trying, not crashed
    stop.set()
    thread.join(timeout=15)
    assert not thread.is_alive()
