from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass

import pytest

from shomei_shared.logs import configure_logging, correlation, redact
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
    settings = MailSettings.from_env(env={"SHOMEI_SMTP_PORT": "2525", "SHOMEI_TLS": "true"})
    assert (settings.smtp_port, settings.tls) == (2525, True)


def test_bad_value_names_the_setting() -> None:
    with pytest.raises(SettingsError, match="smtp_port"):
        MailSettings.from_env(env={"SHOMEI_SMTP_PORT": "twenty"})


def test_placeholder_secret_stops_production_but_not_development() -> None:
    MailSettings.from_env(env={})
    with pytest.raises(SettingsError, match="smtp_password"):
        MailSettings.from_env(env={"SHOMEI_ENVIRONMENT": "production"})
    real = MailSettings.from_env(env={"SHOMEI_ENVIRONMENT": "production", "SHOMEI_SMTP_PASSWORD": "x9!kQ2#lmP",
                                      "SHOMEI_KAFKA_PASSWORD": "u7#Lw0pQ9z"})
    assert real.environment == "production"
