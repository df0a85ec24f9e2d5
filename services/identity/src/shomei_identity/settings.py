"""Identity's typed settings, read from SHOMEI_* environment variables in factories only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shomei_shared.settings import TrustSettings, secret


@dataclass(frozen=True)
class IdentitySettings(TrustSettings):
    service = "identity"
    database_url: str = "postgresql+psycopg://shomei:shomei@127.0.0.1:55432/identity"
    # A key ring (docs/adr/0021): one bare Fernet key, or `id:key,id:key`, the first current.
    secret_seal_key: str = secret()
    # The private JWKS that signs on-whose-behalf assertions; the first key signs (ADR 0019).
    assertion_signing_keys: str = secret()
    assertion_ttl_s: int = 300
    # The gateway: one-time URLs in mails point there.
    public_base_url: str = "http://127.0.0.1:58080"


def load_settings(env: Mapping[str, str] | None = None) -> IdentitySettings:
    """SHOMEI_* variables (SHOMEI_IDENTITY_DATABASE_URL wins over SHOMEI_DATABASE_URL)."""
    return IdentitySettings.from_env(env=env)
