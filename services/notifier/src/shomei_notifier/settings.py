"""The notifier's typed settings, read from SHOMEI_* environment variables in factories only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shomei_shared.settings import SettingsError, TrustSettings, secret

SMTP_SECURITY = frozenset({"none", "starttls", "ssl"})


@dataclass(frozen=True)
class NotifierSettings(TrustSettings):
    service = "notifier"
    database_url: str = "postgresql+psycopg://shomei:shomei@127.0.0.1:55432/notifier"
    identity_url: str = "http://127.0.0.1:58101"
    enrollment_url: str = "http://127.0.0.1:58102"  # tenants' profiles: names, contact addresses
    tenant_profile_cache_s: float = 60.0
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 58025
    # "starttls" or "ssl"; "none" (plain text to the relay) only in development and test.
    smtp_security: str = "starttls"
    smtp_ca_file: str = ""  # trust these CAs instead of the system's (a private relay)
    smtp_username: str = ""
    # Only used with smtp_username; production relays are expected to need credentials.
    smtp_password: str = secret(required=False)
    smtp_timeout_s: float = 10.0
    mail_from: str = "noreply@shomei.example"
    mail_from_name: str = "証明書発行サービス"
    # The gateway: links in mails (login, password reset, menu) point there.
    public_base_url: str = "http://127.0.0.1:58080"
    retry_first_delay_s: float = 30.0
    retry_max_delay_s: float = 1800.0
    retry_max_attempts: int = 20
    dispatch_interval_s: float = 2.0

    def check(self) -> None:
        super().check()
        if self.smtp_security not in SMTP_SECURITY:
            raise SettingsError(f"smtp_security: one of {', '.join(sorted(SMTP_SECURITY))}")
        # Mails carry one-time links and initial passwords: never in clear text over a network.
        if self.smtp_security == "none" and not self.relaxed:
            raise SettingsError(f"{self.environment}: smtp_security must be starttls or ssl")


def load_settings(env: Mapping[str, str] | None = None) -> NotifierSettings:
    """SHOMEI_* variables (SHOMEI_NOTIFIER_DATABASE_URL wins over SHOMEI_DATABASE_URL)."""
    return NotifierSettings.from_env(env=env)
