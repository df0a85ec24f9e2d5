from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from shomei_shared.logs import REDACTED, configure_logging, correlation, redact
from shomei_shared.settings import BaseSettings, SettingsError, secret


@pytest.mark.parametrize("line", [
    "password=Hunter2Secret",
    'login {"password": "Hunter2Secret"}',
    "second_password: Hunter2Secret",
    "GET /verify?token=Hunter2Secret&x=1",
    "initial_password=Hunter2Secret",
])
def test_secrets_are_masked(line: str) -> None:
    assert "Hunter2Secret" not in redact(line)
    assert "[REDACTED]" in redact(line)


def test_json_log_line_carries_service_and_correlation_and_no_secret() -> None:
    stream = io.StringIO()
    configure_logging("identity", stream=stream)
    with correlation("corr-42"):
        logging.getLogger("test").info("reset for %s with token=%s", "a@example.jp", "abcdef123456")
    record = json.loads(stream.getvalue().strip().splitlines()[-1])
    assert record["service"] == "identity"
    assert record["correlation_id"] == "corr-42"
    assert record["level"] == "INFO"
    assert "abcdef123456" not in stream.getvalue()


@dataclass(frozen=True)
class MailSettings(BaseSettings):
    smtp_port: int = 25
    smtp_password: str = secret()
    tls: bool = False


def test_settings_are_typed_from_the_environment() -> None:
    settings = MailSettings.from_env(env={"SHOMEI_ENVIRONMENT": "test", "SHOMEI_SMTP_PORT": "2525",
                                          "SHOMEI_TLS": "true"})
    assert (settings.smtp_port, settings.tls) == (2525, True)


def test_bad_value_names_the_setting() -> None:
    with pytest.raises(SettingsError, match="smtp_port"):
        MailSettings.from_env(env={"SHOMEI_SMTP_PORT": "twenty"})


def test_placeholder_secret_stops_production_but_not_development() -> None:
    MailSettings.from_env(env={"SHOMEI_ENVIRONMENT": "development"})
    with pytest.raises(SettingsError, match="smtp_password"):
        MailSettings.from_env(env={"SHOMEI_ENVIRONMENT": "production", "SHOMEI_SMTP_PASSWORD": "change-me",
                                   "SHOMEI_KAFKA_PASSWORD": "u7#Lw0pQ9z"})
    real = MailSettings.from_env(env={"SHOMEI_ENVIRONMENT": "production", "SHOMEI_SMTP_PASSWORD": "x9!kQ2#lmP",
                                      "SHOMEI_KAFKA_PASSWORD": "u7#Lw0pQ9z"})
    assert real.environment == "production"


def test_an_environment_that_says_nothing_is_production_and_a_missing_secret_stops_it() -> None:
    with pytest.raises(SettingsError, match="production: set real values for kafka_password, smtp_password"):
        MailSettings.from_env(env={})
    with pytest.raises(SettingsError, match="smtp_password"):
        MailSettings()  # settings built in code fail closed the same way


@dataclass(frozen=True)
class RelaySettings(BaseSettings):
    relay_password: str = secret(required=False)


def test_an_optional_secret_may_be_empty_but_never_a_placeholder() -> None:
    kafka = {"SHOMEI_KAFKA_PASSWORD": "u7#Lw0pQ9z"}  # required of every Kafka client in production
    assert RelaySettings.from_env(env=kafka).relay_password == ""
    with pytest.raises(SettingsError, match="relay_password"):
        RelaySettings.from_env(env={**kafka, "SHOMEI_RELAY_PASSWORD": "password"})


def _logged(emit: Callable[[logging.Logger], None]) -> str:
    stream = io.StringIO()
    configure_logging("identity", stream=stream)
    emit(logging.getLogger("test"))
    return stream.getvalue()


def test_a_traceback_is_masked_as_it_is_written() -> None:
    def emit(log: logging.Logger) -> None:
        try:
            raise RuntimeError("login refused for password='Hunter2 Secret, really'")
        except RuntimeError:
            log.exception("unexpected failure")

    output = _logged(emit)
    record = json.loads(output)
    assert "RuntimeError" in record["exc_info"] and "Traceback" in record["exc_info"]
    assert "Hunter2" not in output and "really" not in output


def test_extra_fields_are_masked_by_name_and_by_content() -> None:
    output = _logged(lambda log: log.warning("call failed", extra={
        "session_id": "s3ss10n-v4lue", "request": {"headers": {"Authorization": "Bearer abcdefgh.ijkl.mnop"}},
        "note": "reset with token=t0k3n-v4lue"}))
    record = json.loads(output)
    assert record["session_id"] == REDACTED
    assert record["request"]["headers"]["Authorization"] == REDACTED
    for leaked in ("s3ss10n", "abcdefgh", "t0k3n"):
        assert leaked not in output


@pytest.mark.parametrize(("line", "secret_parts"), [
    ("calling identity with Authorization: Bearer eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl", ["eyJ", "c2lnbmF0dXJl"]),
    ("header sent: Bearer Zm9vYmFyYmF6cXV4", ["Zm9vYmFyYmF6cXV4"]),
    ("stored $argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo for a@example.jp",
     ["c2FsdHNhbHQ", "aGFzaGhhc2hoYXNo", "m=19456,t=2"]),
    ('body {"password": "two words, and a comma", "email": "a@example.jp"}', ["two words", "a comma"]),
    ("kwargs {'new_password': 'Spaced Out, Pass'}", ["Spaced", "Out, Pass"]),
    ("form password=open sesame now", ["sesame"]),
])
def test_whole_values_are_masked(line: str, secret_parts: list[str]) -> None:
    output = _logged(lambda log: log.info(line))
    assert REDACTED in output
    for part in secret_parts:
        assert part not in output
    assert json.loads(output)["message"].split()[0] == line.split()[0]  # the rest of the line stays
