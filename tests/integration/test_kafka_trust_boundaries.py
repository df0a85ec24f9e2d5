"""Kafka's trust boundaries, tried against the real broker with each service's own credentials:
a service writes only its own topics, reads only what it consumes, as its own consumer group,
and a wrong password gets nobody in (docs/security.md §2, ADR 0020)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from kafka import KafkaConsumer, TopicPartition
from kafka.errors import (
    GroupAuthorizationFailedError,
    KafkaError,
    TopicAuthorizationFailedError,
)

from shomei_shared.consumer.consumer import kafka_consumer
from shomei_shared.consumer.dead_letters import to_dead_letter
from shomei_shared.consumer.dlq_cli import list_dead_letters, replay
from shomei_shared.kafka_net import KafkaConnection, client_config
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.outbox.publisher import KafkaPublisher, OutgoingRecord

User = Callable[[str], KafkaConnection]


def forged_approval() -> OutgoingRecord:
    application_id = f"app-{uuid.uuid4()}"
    approval = Envelope(type="ApplicationApproved", version=1, tenant_id="demo-univ", aggregate_id=application_id,
                        aggregate_version=2, payload={"registration_id": "r-1", "email": "forger@example.jp",
                                                      "locale": "ja", "kind": "registration", "account_id": None,
                                                      "graduate_id": "g-1", "student_number": "S1"})
    return OutgoingRecord("enrollment.application", application_id.encode(), approval.to_json(),
                          [("type", b"ApplicationApproved")])


def publish(connection: KafkaConnection, record: OutgoingRecord) -> None:
    publisher = KafkaPublisher(connection, client_id="trust-test", timeout_s=10)
    try:
        publisher.publish([record])
    finally:
        publisher.close()


def first_poll(consumer: KafkaConsumer) -> None:
    """Poll until the group has given us partitions (an authorisation error raises)."""
    try:
        for _ in range(40):
            consumer.poll(timeout_ms=500)
            if consumer.assignment():
                return
        raise AssertionError("no partitions assigned")
    finally:
        consumer.close()


def read_directly(connection: KafkaConnection, topic: str, partitions: int) -> list[bytes]:
    """Fetch every partition from the start, no group involved: only the topic's ACL decides.

    kafka-python logs the broker's refusal ("not authorized") and delivers nothing, or raises
    TopicAuthorizationFailedError when the user may describe the topic but not read it."""
    consumer = KafkaConsumer(**client_config(connection), group_id=None, enable_auto_commit=False)
    try:
        consumer.assign([TopicPartition(topic, p) for p in range(partitions)])
        consumer.seek_to_beginning()
        values: list[bytes] = []
        for _ in range(10):
            try:
                values += [r.value for records in consumer.poll(timeout_ms=500).values() for r in records]
            except TopicAuthorizationFailedError:
                return []
            if values:
                break
        return values
    finally:
        consumer.close()


@pytest.mark.parametrize("service", ["gateway", "notifier", "identity"])
def test_only_enrollment_can_write_an_application_approved(kafka_user: User, service: str) -> None:
    with pytest.raises(TopicAuthorizationFailedError):
        publish(kafka_user(service), forged_approval())
    publish(kafka_user("enrollment"), forged_approval())  # the owner can: the refusal is the ACL's


@pytest.mark.parametrize(("service", "topic"), [("notifier", "enrollment.tenant"), ("identity", "identity.account"),
                                                ("gateway", "enrollment.application"),
                                                ("enrollment", "dlq.identity")])
def test_a_service_cannot_read_a_topic_it_does_not_consume(
        kafka_user: User, kafka_admin: KafkaConnection, service: str, topic: str) -> None:
    marker = f"written by the test {uuid.uuid4()}".encode()
    publish(kafka_admin, OutgoingRecord(topic, b"k", marker))
    partitions = 1 if topic.startswith("dlq.") else 3
    assert marker in read_directly(kafka_admin, topic, partitions)  # there is something to read
    assert read_directly(kafka_user(service), topic, partitions) == []


def test_a_service_reads_what_it_consumes_as_its_own_group(kafka_user: User, kafka_admin: KafkaConnection) -> None:
    marker = f"written by the test {uuid.uuid4()}".encode()
    publish(kafka_admin, OutgoingRecord("identity.account", b"k", marker))
    consumer = kafka_consumer(kafka_user("notifier"), "notifier", ["identity.account"])
    try:
        seen: list[bytes] = []
        for _ in range(60):
            seen += [r.value for records in consumer.poll(timeout_ms=500).values() for r in records]
            if marker in seen:
                break
    finally:
        consumer.close()
    assert marker in seen


def test_a_consumer_group_of_another_service_cannot_be_used(kafka_user: User) -> None:
    # notifier may read enrollment.application, but not as identity: it would move identity's offsets.
    with pytest.raises(GroupAuthorizationFailedError):
        first_poll(kafka_consumer(kafka_user("notifier"), "identity", ["enrollment.application"]))
    # Its own groups are `notifier` and `notifier.…`, not every name that starts with it.
    with pytest.raises(GroupAuthorizationFailedError):
        first_poll(kafka_consumer(kafka_user("notifier"), "notifierx", ["enrollment.application"]))


def test_a_service_lists_its_dead_letters_but_only_the_operator_replays_them(
        kafka_user: User, kafka_admin: KafkaConnection) -> None:
    # Replay writes to the original topic, another service's: the service's own user may not.
    notifier = kafka_user("notifier")
    approval = forged_approval()
    publish(notifier, to_dead_letter("notifier", approval.topic, 0, 0, approval.key, approval.value,
                                     approval.headers, ValueError("handler failed")))
    assert list_dead_letters(notifier, "notifier") >= 1
    with pytest.raises(TopicAuthorizationFailedError):
        replay(notifier, "notifier")
    assert replay(kafka_admin, "notifier") >= 1


def test_a_wrong_password_is_refused(kafka_user: User, caplog: pytest.LogCaptureFixture) -> None:
    identity = kafka_user("identity")
    wrong = identity.as_user("identity", identity.password + "x")
    # kafka-python keeps retrying a refused login until its bootstrap gives up; the broker's
    # answer to each attempt is in its log.
    # On a loaded machine a bootstrap can time out before the broker's answer arrives; the login is
    # refused either way, and within a few tries the refusal itself is seen.
    for _ in range(3):
        with pytest.raises(KafkaError):
            publish(wrong, OutgoingRecord("identity.account", b"k", b"{}"))
        if "SaslAuthenticationFailedError" in caplog.text:
            break
    assert "SaslAuthenticationFailedError" in caplog.text
    assert "invalid credentials with SASL mechanism SCRAM-SHA-512" in caplog.text
    publish(identity, OutgoingRecord("identity.account", b"k", b"{}"))  # the right one is let in
