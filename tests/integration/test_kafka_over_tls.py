"""Kafka over TLS (SASL_SSL), as the Kubernetes manifests will run it: a broker of its own with a
test CA's certificate; clients trust that CA through the settings and check the broker's name."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from cryptography.hazmat.primitives import serialization
from kafka import KafkaConsumer
from kafka.errors import KafkaError, TopicAuthorizationFailedError

from shomei_devtools.config import topic_files
from shomei_devtools.kafka import BrokerTls, LocalKafka
from shomei_devtools.kafka_access import provision_broker
from shomei_devtools.process import free_port
from shomei_devtools.topics import read_topic_file
from shomei_shared.kafka_net import KafkaConnection, client_config
from shomei_shared.outbox.publisher import KafkaPublisher, OutgoingRecord


def broker_certificate(directory: Path) -> BrokerTls:
    ca = trustme.CA()
    leaf = ca.issue_cert("127.0.0.1", "localhost")
    # Kafka's PEM key store wants the key as PKCS#8; trustme writes the traditional form.
    key = serialization.load_pem_private_key(leaf.private_key_pem.bytes(), password=None)
    pkcs8 = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption())
    keystore, ca_file = directory / "broker.pem", directory / "ca.pem"
    keystore.write_bytes(pkcs8 + b"".join(blob.bytes() for blob in leaf.cert_chain_pems))
    ca.cert_pem.write_to_path(str(ca_file))
    return BrokerTls(keystore, ca_file)


@pytest.fixture(scope="module")
def tls_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalKafka]:
    directory = tmp_path_factory.mktemp("kafka-tls")
    broker = LocalKafka(directory / "kafka", free_port(), free_port(), tls=broker_certificate(directory))
    broker.start(log=directory / "kafka.log")
    try:
        provision_broker(broker, [spec for path in topic_files() for spec in read_topic_file(path)])
        yield broker
    finally:
        broker.stop()


def publish(connection: KafkaConnection, topic: str, value: bytes) -> None:
    publisher = KafkaPublisher(connection, client_id="tls-test", timeout_s=10)
    try:
        publisher.publish([OutgoingRecord(topic, b"k", value)])
    finally:
        publisher.close()


def test_services_publish_over_tls_and_acls_still_hold(tls_broker: LocalKafka) -> None:
    enrollment = tls_broker.connection("enrollment")
    assert enrollment.security_protocol == "SASL_SSL" and enrollment.ca_file
    publish(enrollment, "enrollment.application", f"over TLS {uuid.uuid4()}".encode())
    with pytest.raises(TopicAuthorizationFailedError):
        publish(tls_broker.connection("notifier"), "enrollment.application", b"forged")


def test_a_client_that_does_not_trust_the_brokers_ca_cannot_connect(
        tls_broker: LocalKafka, caplog: pytest.LogCaptureFixture) -> None:
    untrusting = KafkaConnection(tls_broker.bootstrap, "SASL_SSL", "SCRAM-SHA-512", "identity",
                                 tls_broker.password("identity"))  # the system's CAs only
    with pytest.raises(KafkaError) as refused:
        KafkaConsumer(**client_config(untrusting), group_id=None, request_timeout_ms=5000).topics()
    assert "CERTIFICATE_VERIFY_FAILED" in caplog.text, (repr(refused.value), caplog.text)
