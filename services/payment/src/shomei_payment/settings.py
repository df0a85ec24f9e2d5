"""payment's settings, read from SHOMEI_* environment variables in factories only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shomei_shared.settings import SettingsError, TrustSettings, secret

# The simulators' development credentials (ADR 0025): the defaults of a local run, refused elsewhere.
SIMULATOR_SECRETS = {"paypal_client_secret": "shomei-sim-secret", "smartpit_api_key": "shomei-sim-smartpit-key",
                     "smartpit_notice_secret": "shomei-sim-smartpit-notice-secret"}


@dataclass(frozen=True)
class PaymentSettings(TrustSettings):
    service = "payment"
    database_url: str = "postgresql+psycopg://shomei:shomei@127.0.0.1:55432/payment"
    # PayPal (the simulator's defaults, ADR 0025; production sets PayPal's own).
    paypal_api_url: str = "http://127.0.0.1:58030"
    paypal_client_id: str = "shomei-sim-client"
    paypal_client_secret: str = secret("shomei-sim-secret")
    paypal_webhook_id: str = "SIMWEBHOOK0001"
    # Where webhook certificates may come from (`https://api.paypal.com/v1/notifications/certs/`);
    # empty: the API's host under that path.
    paypal_cert_url_prefix: str = ""
    # The CA a webhook certificate must chain to (PEM file); the simulator serves its own at /_sim/ca.pem.
    paypal_ca_file: str = ""
    # The reconciliation process: how often it runs, and how long a payment waits before it is asked about.
    reconcile_interval_s: float = 60.0
    reconcile_after_s: float = 300.0
    # Smart Pit (the simulator's shape and defaults, ADR 0025).
    smartpit_api_url: str = "http://127.0.0.1:58031"
    smartpit_api_key: str = secret("shomei-sim-smartpit-key")
    smartpit_notice_secret: str = secret("shomei-sim-smartpit-notice-secret")

    def check(self) -> None:
        super().check()
        if self.relaxed:
            return
        known = sorted(name for name, value in SIMULATOR_SECRETS.items() if getattr(self, name) == value)
        if known:
            raise SettingsError(f"{self.environment}: set real values for {', '.join(known)} (the simulators' are set)")

    @property
    def cert_url_prefix(self) -> str:
        return self.paypal_cert_url_prefix or self.paypal_api_url.rstrip("/") + "/v1/notifications/certs/"


def load_settings(env: Mapping[str, str] | None = None) -> PaymentSettings:
    """SHOMEI_* variables (scripts/with-env sets SHOMEI_DATABASE_URL for a local run)."""
    return PaymentSettings.from_env(env=env)
