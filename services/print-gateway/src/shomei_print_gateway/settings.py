"""print-gateway's settings, read from SHOMEI_* environment variables in factories only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shomei_print_gateway.domain.verification import Retention
from shomei_shared.settings import SettingsError, TrustSettings, secret

# The store-print simulators' development credentials (ADR 0027): a local run's, refused elsewhere.
SIMULATOR_SECRETS = {"netprint_api_key": "local-development-netprint-key",
                     "sharpprint_password": "local-development-sharp-password",
                     "print_callback_secret": "local-development-callback-secret"}


@dataclass(frozen=True)
class PrintGatewaySettings(TrustSettings):
    service = "print-gateway"
    database_url: str = "postgresql+psycopg://shomei:shomei@127.0.0.1:55432/print_gateway"
    # Years after issue a certificate is confirmed online (ADR 0036), and per university where it
    # differs: "demo-univ=5,sakura-univ=10".
    retention_years: int = 5
    retention_years_by_tenant: str = ""

    enrollment_url: str = "http://127.0.0.1:58102"  # the academic records (issue 10's record endpoint)
    public_base_url: str = "http://127.0.0.1:58080"  # the gateway: what a certificate's QR code opens
    netprint_url: str = "http://127.0.0.1:58040"
    netprint_api_key: str = secret("local-development-netprint-key")
    sharpprint_url: str = "http://127.0.0.1:58041"
    sharpprint_username: str = "shomei"
    sharpprint_password: str = secret("local-development-sharp-password")
    # Both providers sign their printed callbacks with it (X-Print-Signature).
    print_callback_secret: str = secret("local-development-callback-secret")
    callback_max_age_s: int = 300  # an older signed callback is a replay
    # The jobs process: its round, and a provider down (retries from `retry_first_s` doubling to
    # `retry_most_s`; after `give_up_after_s` PrintReservationFailed).
    jobs_interval_s: float = 5.0
    retry_first_s: float = 5.0
    retry_most_s: float = 300.0
    give_up_after_s: float = 3600.0
    submit_lease_s: float = 120.0  # a claimed order stays with its round this long

    def retention(self) -> Retention:
        return Retention.parse(self.retention_years, self.retention_years_by_tenant)

    def check(self) -> None:
        super().check()
        if self.relaxed:
            return
        known = sorted(name for name, value in SIMULATOR_SECRETS.items() if getattr(self, name) == value)
        if known:
            raise SettingsError(f"{self.environment}: set real values for {', '.join(known)} (the simulators' are set)")


def load_settings(env: Mapping[str, str] | None = None) -> PrintGatewaySettings:
    """SHOMEI_* variables (scripts/with-env sets SHOMEI_DATABASE_URL, SHOMEI_NETPRINT_URL, …)."""
    return PrintGatewaySettings.from_env(env=env)
