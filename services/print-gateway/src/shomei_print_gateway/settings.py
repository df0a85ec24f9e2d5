"""print-gateway's settings, read from SHOMEI_* environment variables in factories only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shomei_print_gateway.domain.verification import Retention
from shomei_shared.settings import TrustSettings


@dataclass(frozen=True)
class PrintGatewaySettings(TrustSettings):
    service = "print-gateway"
    database_url: str = "postgresql+psycopg://shomei:shomei@127.0.0.1:55432/print_gateway"
    # Years after issue a certificate is confirmed online (ADR 0036), and per university where it
    # differs: "demo-univ=5,sakura-univ=10".
    retention_years: int = 5
    retention_years_by_tenant: str = ""

    def retention(self) -> Retention:
        return Retention.parse(self.retention_years, self.retention_years_by_tenant)


def load_settings(env: Mapping[str, str] | None = None) -> PrintGatewaySettings:
    """SHOMEI_* variables (scripts/with-env sets SHOMEI_DATABASE_URL for a local run)."""
    return PrintGatewaySettings.from_env(env=env)
