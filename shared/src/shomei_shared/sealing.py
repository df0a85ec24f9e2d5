"""Sealed secrets at rest: Fernet (AES-128-CBC + HMAC-SHA256) keyed by SHOMEI_SECRET_SEAL_KEY.

One copy for every service that hands the notifier a secret by reference (identity's one-time
URLs and initial passwords, enrollment's re-application links; ADR 0006, 0023)."""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken

from shomei_shared.settings import SettingsError


class FernetSealer:
    def __init__(self, key: str) -> None:
        self._fernet = Fernet(key.encode())

    def seal(self, plaintext: str) -> bytes:
        return self._fernet.encrypt(plaintext.encode())

    def unseal(self, sealed: bytes) -> str:
        try:
            return self._fernet.decrypt(sealed).decode()
        except InvalidToken:
            raise ValueError("sealed value cannot be opened with this key") from None


def seal_key(configured: str) -> str:
    """The configured Fernet key, in every environment: development and tests generate one
    (`shomei_devtools.dev_secrets`, test fixtures) rather than derive it from a label."""
    try:
        Fernet(configured.strip().encode())
    except ValueError:
        raise SettingsError("SHOMEI_SECRET_SEAL_KEY must be a Fernet key (32 url-safe base64 bytes)") from None
    return configured.strip()
