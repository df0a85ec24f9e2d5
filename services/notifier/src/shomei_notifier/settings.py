"""The notifier's typed settings, read from SHOMEI_* environment variables in factories only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shomei_shared.settings import TrustSettings, secret


@dataclass(frozen=True)
class NotifierSettings(TrustSettings):
    service = "notifier"
    database_url: str = "postgresql+psycopg://shomei:shomei@127.0.0.1:55432/notifier"
    identity_url: str = "http://127.0.0.1:58101"
    enrollment_url: str = "http://127.0.0.1:58102"  # tenants' profiles: names, contact addresses
    tenant_profile_cache_s: float = 60.0
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 58025
    smtp_security: str = "none"  # "none", "starttls" or "ssl"
    smtp_username: str = ""
    # Only used with smtp_username; production relays are expected to need credentials.
    smtp_password: str = secret("")
    smtp_timeout_s: float = 10.0
    mail_from: str = "noreply@shomei.example"
    mail_from_name: str = "証明書発行サービス"
    # The gateway: the re-application link in "returned" mails points there.
    public_base_url: str = "http://127.0.0.1:58080"
    resubmit_path: str = "/register/resubmit"
    retry_first_delay_s: float = 30.0
    retry_max_delay_s: float = 1800.0
    retry_max_attempts: int = 20
    dispatch_interval_s: float = 2.0


def load_settings(env: Mapping[str, str] | None = None) -> NotifierSettings:
    """SHOMEI_* variables (SHOMEI_NOTIFIER_DATABASE_URL wins over SHOMEI_DATABASE_URL)."""
    return NotifierSettings.from_env(env=env)
