"""Typed settings read from the environment in app factories and bootstraps, never at import.

They fail closed (ADR 0023): the environment is production unless development or test is chosen
explicitly, and outside those a secret that is missing or still a placeholder stops the process
at start rather than running with a guessable value.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Self

from shomei_shared.kafka_net import KafkaConnection

PLACEHOLDERS = frozenset({"", "change-me", "changeme", "secret", "dev", "development", "shomei", "password"})
RELAXED_ENVIRONMENTS = frozenset({"development", "test"})


class SettingsError(ValueError):
    pass


def secret(default: str = "", *, required: bool = True) -> Any:
    """Mark a field as a secret: refused when missing or a placeholder outside development.

    An optional secret (`required=False`, e.g. a relay password used only with a user name) may
    be left empty, but a value that is set must not be a placeholder either."""
    return field(default=default, metadata={"secret": True, "required": required})


@dataclass(frozen=True)
class BaseSettings:
    """Subclass with typed fields; each field reads `<PREFIX><FIELD_NAME upper-cased>`.

    A service names itself in `service`; then `<PREFIX><SERVICE>_DATABASE_URL` wins over the
    shared `<PREFIX>DATABASE_URL`, so one environment can hold every service's database.
    """

    service: ClassVar[str] = ""
    # A service that opens no Kafka client (gateway, admin) is not asked for Kafka credentials.
    kafka_client: ClassVar[bool] = True
    # Fail closed: a process that was told nothing is a production process.
    environment: str = "production"
    database_url: str = "postgresql+psycopg://shomei:shomei@127.0.0.1:55432/postgres"
    kafka_bootstrap: str = "127.0.0.1:59092"
    # SASL_SSL in production (with kafka_ca_file, or the system's CAs); SASL_PLAINTEXT locally.
    kafka_security_protocol: str = "SASL_PLAINTEXT"
    kafka_sasl_mechanism: str = "SCRAM-SHA-512"
    kafka_username: str = ""  # the service's own name when empty
    kafka_password: str = secret()
    kafka_ca_file: str = ""
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, prefix: str = "SHOMEI_", env: Mapping[str, str] | None = None) -> Self:
        source = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = source.get(prefix + f.name.upper())
            if raw is not None:
                values[f.name] = _convert(f.name, raw, f.type)
        own_database = source.get(f"{prefix}{cls.service.upper()}_DATABASE_URL") if cls.service else None
        if own_database:
            values["database_url"] = own_database
        return cls(**values)

    def __post_init__(self) -> None:
        # Here rather than in from_env, so settings built in code fail closed the same way.
        self.check()

    @property
    def relaxed(self) -> bool:
        """Development or test, chosen explicitly: the only places weak secrets are tolerated."""
        return self.environment in RELAXED_ENVIRONMENTS

    def check(self) -> None:
        if self.relaxed:
            return
        weak = [f.name for f in fields(self) if f.metadata.get("secret")
                and (self.kafka_client or not f.name.startswith("kafka_")) and _weak(f, getattr(self, f.name))]
        if weak:
            raise SettingsError(f"{self.environment}: set real values for {', '.join(sorted(weak))}")

    def kafka_connection(self) -> KafkaConnection:
        """The one way a process of this service reaches Kafka (shomei_shared.kafka_net)."""
        return KafkaConnection(self.kafka_bootstrap, self.kafka_security_protocol, self.kafka_sasl_mechanism,
                               self.kafka_username or self.service, self.kafka_password, self.kafka_ca_file)


def _weak(f: Any, value: object) -> bool:
    text = str(value).strip()
    if not text:
        return bool(f.metadata.get("required", True))
    return text.lower() in PLACEHOLDERS


def _convert(name: str, raw: str, annotation: Any) -> Any:
    kind = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "str")
    try:
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "bool":
            if raw.lower() not in {"1", "0", "true", "false", "yes", "no"}:
                raise ValueError(raw)
            return raw.lower() in {"1", "true", "yes"}
    except ValueError:
        raise SettingsError(f"{name}: cannot read {raw!r} as {kind}") from None
    return raw


def kafka_environment(connection: KafkaConnection, prefix: str = "SHOMEI_") -> dict[str, str]:
    """The variables from which `kafka_connection()` reads `connection` back in a child process."""
    return {f"{prefix}KAFKA_BOOTSTRAP": connection.bootstrap,
            f"{prefix}KAFKA_SECURITY_PROTOCOL": connection.security_protocol,
            f"{prefix}KAFKA_SASL_MECHANISM": connection.sasl_mechanism,
            f"{prefix}KAFKA_USERNAME": connection.username,
            f"{prefix}KAFKA_PASSWORD": connection.password,
            f"{prefix}KAFKA_CA_FILE": connection.ca_file}


@dataclass(frozen=True)
class TrustSettings(BaseSettings):
    """A service that calls or is called over internal HTTP (ADR 0019). `service_secret` is its
    own credential's secret (sent as `<service>.<secret>`); `callers` the verifiers of the services
    it accepts (`gateway=<sha256 hex>,…`, two of one caller while a secret rotates);
    `assertion_keys` identity's public JWKS, to verify who a call acts for."""

    service_secret: str = secret()
    callers: str = ""
    assertion_keys: str = ""

    @property
    def credential(self) -> str:
        return f"{self.service}.{self.service_secret}"
