"""Enrollment's settings, read from SHOMEI_* environment variables in factories only."""

from __future__ import annotations

from dataclasses import dataclass

from shomei_shared.settings import BaseSettings, secret


@dataclass(frozen=True)
class EnrollmentSettings(BaseSettings):
    database_url: str = "postgresql+psycopg://shomei:shomei@127.0.0.1:55432/enrollment"
    internal_token: str = secret()
    # Uploads arrive base64-encoded inside JSON: two 5 MB images grow by a third, plus the form.
    max_request_bytes: int = 16 * 1024 * 1024
