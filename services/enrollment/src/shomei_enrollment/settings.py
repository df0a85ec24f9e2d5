"""Enrollment's settings, read from SHOMEI_* environment variables in factories only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shomei_shared.settings import TrustSettings, secret


@dataclass(frozen=True)
class EnrollmentSettings(TrustSettings):
    service = "enrollment"
    database_url: str = "postgresql+psycopg://shomei:shomei@127.0.0.1:55432/enrollment"
    # Seals re-application links for the notifier (a Fernet key; shomei_shared.sealing).
    secret_seal_key: str = secret()
    # The gateway: re-application links in mails point there.
    public_base_url: str = "http://127.0.0.1:58080"
    # Uploads arrive base64-encoded inside JSON: two 5 MB images grow by a third, plus the form.
    max_request_bytes: int = 16 * 1024 * 1024
    # The demo seeds draw the demo universities' seals in this font (shomei_devtools.fonts installs it).
    demo_seal_font: str = "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"


def load_settings(env: Mapping[str, str] | None = None) -> EnrollmentSettings:
    """SHOMEI_* variables (SHOMEI_ENROLLMENT_DATABASE_URL wins over SHOMEI_DATABASE_URL)."""
    return EnrollmentSettings.from_env(env=env)
