"""The same cases against InMemoryPublisher and KafkaPublisher."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from kafka import KafkaConsumer, TopicPartition

from shomei_devtools.kafka import LocalKafka
from shomei_shared.kafka_net import KafkaConnection, client_config
from shomei_shared.outbox.publisher import InMemoryPublisher, KafkaPublisher, OutgoingRecord, Publisher

Published = Callable[[str], list[tuple[bytes, bytes, dict[str, bytes]]]]


def read_back(connection: KafkaConnection, topic: str, count: int) -> list[tuple[bytes, bytes, dict[str, bytes]]]:
    consumer = KafkaConsumer(**client_config(connection), enable_auto_commit=False)
    partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or [])]
    consumer.assign(partitions)
    consumer.seek_to_beginning()
    records = []
    for _ in range(40):
        for batch in consumer.poll(timeout_ms=250).values():
            records.extend(batch)
        if len(records) >= count:
            break
    consumer.close()
    return [(r.key, r.value, dict(r.headers)) for r in records]


@pytest.fixture(params=["memory", "kafka"])
def contestant(request: pytest.FixtureRequest) -> tuple[Publisher, Published, str]:
    if request.param == "memory":
        fake = InMemoryPublisher()
        return fake, lambda _t: [(r.key, r.value, dict(r.headers)) for r in fake.records], "any.topic"
    kafka: LocalKafka = request.getfixturevalue("kafka_server")
    topic = request.getfixturevalue("new_topic")("contract")
    real = KafkaPublisher(kafka.admin, timeout_s=10)
    request.addfinalizer(real.close)
    return real, lambda t: read_back(kafka.admin, t, 30), topic


def test_every_record_arrives_with_headers_and_in_order_per_key(contestant: tuple[Publisher, Published, str]) -> None:
    publisher, published, topic = contestant
    records = [OutgoingRecord(topic, f"k{n % 3}".encode(), f"v{n}".encode(), [("type", b"T")]) for n in range(30)]
    publisher.publish(records[:10])
    publisher.publish(records[10:])
    got = published(topic)
    assert sorted(v for _, v, _ in got) == sorted(r.value for r in records)
    for key in (b"k0", b"k1", b"k2"):
        assert [v for k, v, _ in got if k == key] == [r.value for r in records if r.key == key]
    assert all(h == {"type": b"T"} for _, _, h in got)


def test_an_empty_publish_is_a_no_op(contestant: tuple[Publisher, Published, str]) -> None:
    publisher, published, topic = contestant
    publisher.publish([])
    assert published(topic) == []
