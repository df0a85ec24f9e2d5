"""Kafka credentials come from the settings and reach every client through one function."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pytest

from shomei_shared.kafka_net import KafkaConnection, client_config
from shomei_shared.settings import BaseSettings, SettingsError, kafka_environment


@dataclass(frozen=True)
class ConsumerSettings(BaseSettings):
    service: ClassVar[str] = "identity"


@dataclass(frozen=True)
class WebOnlySettings(BaseSettings):
    kafka_client: ClassVar[bool] = False


def test_a_service_logs_in_as_itself_with_scram_by_default() -> None:
    connection = ConsumerSettings.from_env(env={"SHOMEI_KAFKA_PASSWORD": "p4ss-word"}).kafka_connection()
    assert client_config(connection) == {
        "bootstrap_servers": "127.0.0.1:59092", "security_protocol": "SASL_PLAINTEXT",
        "sasl_mechanism": "SCRAM-SHA-512", "sasl_plain_username": "identity", "sasl_plain_password": "p4ss-word",
    }


def test_tls_trusts_the_configured_ca_and_checks_the_broker_name() -> None:
    env = {"SHOMEI_KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "SHOMEI_KAFKA_CA_FILE": "/etc/shomei/kafka-ca.pem",
           "SHOMEI_KAFKA_BOOTSTRAP": "kafka.shomei.svc:9093", "SHOMEI_KAFKA_USERNAME": "notifier",
           "SHOMEI_ENVIRONMENT": "development"}
    config = client_config(ConsumerSettings.from_env(env=env).kafka_connection())
    assert config["security_protocol"] == "SASL_SSL"
    assert (config["ssl_cafile"], config["ssl_check_hostname"]) == ("/etc/shomei/kafka-ca.pem", True)
    assert config["sasl_plain_username"] == "notifier"


def test_the_password_is_never_in_a_repr() -> None:
    connection = KafkaConnection("127.0.0.1:1", username="identity", password="Hunter2Secret")
    assert "Hunter2Secret" not in repr(connection)


def test_unknown_protocols_and_mechanisms_are_refused() -> None:
    with pytest.raises(ValueError, match="protocol"):
        KafkaConnection("127.0.0.1:1", security_protocol="SASL_PLAIN", username="identity")
    with pytest.raises(ValueError, match="mechanism"):
        KafkaConnection("127.0.0.1:1", sasl_mechanism="PLAIN", username="identity")


def test_production_needs_a_kafka_password_unless_the_service_opens_no_kafka_client() -> None:
    with pytest.raises(SettingsError, match="kafka_password"):
        ConsumerSettings.from_env(env={"SHOMEI_ENVIRONMENT": "production"})
    WebOnlySettings.from_env(env={"SHOMEI_ENVIRONMENT": "production"})


def test_a_child_process_reads_the_same_connection_back() -> None:
    connection = KafkaConnection("127.0.0.1:9", "SASL_SSL", "SCRAM-SHA-512", "notifier", "pw", "/ca.pem")
    assert ConsumerSettings.from_env(env=kafka_environment(connection)).kafka_connection() == connection
