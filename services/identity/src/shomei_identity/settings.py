"""Identity's typed settings, read from SHOMEI_* environment variables in factories only."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace

from shomei_shared.settings import BaseSettings, secret


@dataclass(frozen=True)
class IdentitySettings(BaseSettings):
    database_url: str = "postgresql+psycopg://shomei:shomei@127.0.0.1:55432/identity"
    internal_token: str = secret()
    secret_seal_key: str = secret()
    # The gateway: one-time URLs in mails point there.
    public_base_url: str = "http://127.0.0.1:58080"


def load_settings(env: Mapping[str, str] | None = None) -> IdentitySettings:
    """SHOMEI_* variables; SHOMEI_IDENTITY_DATABASE_URL wins over the shared SHOMEI_DATABASE_URL,
    so one environment can hold every service's database."""
    source = os.environ if env is None else env
    settings = IdentitySettings.from_env(env=source)
    own_database = source.get("SHOMEI_IDENTITY_DATABASE_URL")
    return replace(settings, database_url=own_database) if own_database else settings
