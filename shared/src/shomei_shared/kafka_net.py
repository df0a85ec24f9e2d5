"""How every Kafka client of the suite reaches the broker: one connection value, one function
that turns it into kafka-python's client configuration, and a cheap probe of the port.

The broker authenticates each service as its own SCRAM user and authorises it by ACLs
(docs/adr/0020-kafka-authentication-and-acls.md); nothing opens a Kafka client any other way.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from typing import Any

PROTOCOLS = frozenset({"PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL", "SSL"})
MECHANISMS = frozenset({"SCRAM-SHA-512", "SCRAM-SHA-256"})


@dataclass(frozen=True)
class KafkaConnection:
    """Where the broker is and who we are to it. `repr` never shows the password."""

    bootstrap: str
    security_protocol: str = "SASL_PLAINTEXT"
    sasl_mechanism: str = "SCRAM-SHA-512"
    username: str = ""
    password: str = field(default="", repr=False)
    ca_file: str = ""

    def __post_init__(self) -> None:
        if self.security_protocol not in PROTOCOLS:
            raise ValueError(f"Kafka security protocol {self.security_protocol!r} is not one of {sorted(PROTOCOLS)}")
        if self.sasl and self.sasl_mechanism not in MECHANISMS:
            raise ValueError(f"Kafka SASL mechanism {self.sasl_mechanism!r} is not one of {sorted(MECHANISMS)}")
        if self.sasl and not self.username:
            raise ValueError(f"Kafka over {self.security_protocol} needs a user name")

    @property
    def sasl(self) -> bool:
        return self.security_protocol.startswith("SASL_")

    @property
    def tls(self) -> bool:
        return self.security_protocol in {"SASL_SSL", "SSL"}

    def as_user(self, username: str, password: str) -> KafkaConnection:
        """The same broker, reached as another user (tests and tooling)."""
        return KafkaConnection(self.bootstrap, self.security_protocol, self.sasl_mechanism, username, password,
                               self.ca_file)


def client_config(connection: KafkaConnection) -> dict[str, Any]:
    """Keyword arguments for KafkaProducer, KafkaConsumer and KafkaAdminClient alike."""
    config: dict[str, Any] = {"bootstrap_servers": connection.bootstrap,
                              "security_protocol": connection.security_protocol}
    if connection.sasl:
        config.update(sasl_mechanism=connection.sasl_mechanism, sasl_plain_username=connection.username,
                      sasl_plain_password=connection.password)
    if connection.tls:
        # The CA that signed the broker's certificate; without one, the system's trust store.
        config.update(ssl_cafile=connection.ca_file or None, ssl_check_hostname=True)
    return config


def broker_listening(bootstrap: str, timeout_s: float = 1.0) -> bool:
    """Whether the first bootstrap address accepts a TCP connection.

    A cheap probe: asking a client library instead costs its whole bootstrap timeout, and logs
    every refused connection, when the broker is simply not there."""
    host, _, port = bootstrap.split(",")[0].rpartition(":")
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout=timeout_s):
            return True
    except (OSError, ValueError):
        return False
