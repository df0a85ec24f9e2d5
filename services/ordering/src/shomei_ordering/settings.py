"""ordering's settings, read from SHOMEI_* environment variables in factories only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shomei_shared.settings import TrustSettings


@dataclass(frozen=True)
class OrderingSettings(TrustSettings):
    service = "ordering"
    database_url: str = "postgresql+psycopg://shomei:shomei@127.0.0.1:55432/ordering"
    # How often the deadline process looks for orders past their deadline (SHOMEI_DEADLINE_INTERVAL_S).
    deadline_interval_s: float = 30.0


def load_settings(env: Mapping[str, str] | None = None) -> OrderingSettings:
    """SHOMEI_* variables (scripts/with-env sets SHOMEI_DATABASE_URL for a local run)."""
    return OrderingSettings.from_env(env=env)
