"""print-gateway's settings, read from SHOMEI_* environment variables in factories only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shomei_shared.settings import TrustSettings


@dataclass(frozen=True)
class PrintGatewaySettings(TrustSettings):
    service = "print-gateway"
    database_url: str = "postgresql+psycopg://shomei:shomei@127.0.0.1:55432/print_gateway"


def load_settings(env: Mapping[str, str] | None = None) -> PrintGatewaySettings:
    """SHOMEI_* variables (scripts/with-env sets SHOMEI_DATABASE_URL for a local run)."""
    return PrintGatewaySettings.from_env(env=env)
