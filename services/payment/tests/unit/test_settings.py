"""The simulators' credentials are a local run's defaults, never a deployment's."""

from __future__ import annotations

import pytest

from shomei_payment.settings import PaymentSettings, load_settings
from shomei_shared.settings import SettingsError


def test_the_simulators_credentials_are_refused_outside_development() -> None:
    with pytest.raises(SettingsError, match="paypal_client_secret"):
        load_settings({"SHOMEI_ENVIRONMENT": "production", "SHOMEI_SERVICE_SECRET": "s" * 32,
                       "SHOMEI_KAFKA_PASSWORD": "k" * 32, "SHOMEI_SMARTPIT_API_KEY": "a" * 32,
                       "SHOMEI_SMARTPIT_NOTICE_SECRET": "n" * 32})


def test_they_are_the_defaults_of_a_local_run() -> None:
    assert PaymentSettings(environment="development").paypal_client_secret == "shomei-sim-secret"
