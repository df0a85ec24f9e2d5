"""Sealed secrets at rest: Fernet (AES-128-CBC + HMAC-SHA256) keyed by SHOMEI_SECRET_SEAL_KEY."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken

from shomei_shared.settings import PLACEHOLDERS, RELAXED_ENVIRONMENTS, SettingsError

_DEV_KEY_LABEL = b"shomei-identity development seal key - never for production"


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


def seal_key(configured: str, environment: str) -> str:
    """The configured Fernet key; in development and test only, a fixed derived key stands in
    for a missing one so `make run` works without setup."""
    if configured.strip().lower() in PLACEHOLDERS:
        if environment not in RELAXED_ENVIRONMENTS:
            raise SettingsError("SHOMEI_SECRET_SEAL_KEY must be set outside development")
        return base64.urlsafe_b64encode(hashlib.sha256(_DEV_KEY_LABEL).digest()).decode()
    try:
        Fernet(configured.encode())
    except ValueError:
        raise SettingsError("SHOMEI_SECRET_SEAL_KEY must be a Fernet key (32 url-safe base64 bytes)") from None
    return configured
