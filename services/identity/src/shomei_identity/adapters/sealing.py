"""Sealed secrets at rest: Fernet (AES-128-CBC + HMAC-SHA256) under a key ring read from
SHOMEI_SECRET_SEAL_KEY (docs/adr/0021).

The setting is either one bare Fernet key (it gets the id "0", the id every value sealed before
key rings carries) or `id:key` pairs separated by commas, the first being the current key:
`2027a:<new key>,0:<old key>`. Every sealed value is stored with the id of the key that sealed
it, so opening it needs no trial and error, and a key can be retired once nothing names it.
"""

from __future__ import annotations

import base64
import hashlib
import re

from cryptography.fernet import Fernet, InvalidToken

from shomei_shared.settings import PLACEHOLDERS, RELAXED_ENVIRONMENTS, SettingsError

_DEV_KEY_LABEL = b"shomei-identity development seal key - never for production"
LEGACY_KEY_ID = "0"
_KEY_ID = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")


class KeyRingSealer:
    """Seals with the current key; opens with whichever key of the ring a value names."""

    def __init__(self, keys: dict[str, str], current: str) -> None:
        if current not in keys:
            raise SettingsError("the current seal key id is not in the ring")
        self._fernets = {key_id: Fernet(key.encode()) for key_id, key in keys.items()}
        self._current = current

    @property
    def current_key_id(self) -> str:
        return self._current

    def seal(self, plaintext: str) -> tuple[str, bytes]:
        return self._current, self._fernets[self._current].encrypt(plaintext.encode())

    def unseal(self, key_id: str, sealed: bytes) -> str:
        fernet = self._fernets.get(key_id)
        if fernet is None:
            raise ValueError(f"seal key {key_id!r} is not in the ring (retired too early?)")
        try:
            return fernet.decrypt(sealed).decode()
        except InvalidToken:
            raise ValueError(f"sealed value cannot be opened with seal key {key_id!r}") from None


def key_ring(configured: str, environment: str) -> KeyRingSealer:
    """The configured ring; in development and test only, a fixed derived key stands in for a
    missing one so `make run` works without setup. Errors never repeat the keys."""
    if configured.strip().lower() in PLACEHOLDERS:
        if environment not in RELAXED_ENVIRONMENTS:
            raise SettingsError("SHOMEI_SECRET_SEAL_KEY must be set outside development")
        dev_key = base64.urlsafe_b64encode(hashlib.sha256(_DEV_KEY_LABEL).digest()).decode()
        return KeyRingSealer({LEGACY_KEY_ID: dev_key}, LEGACY_KEY_ID)
    entries = [entry.strip() for entry in configured.split(",") if entry.strip()]
    if len(entries) == 1 and ":" not in entries[0]:
        entries = [f"{LEGACY_KEY_ID}:{entries[0]}"]
    keys: dict[str, str] = {}
    for position, entry in enumerate(entries, start=1):
        key_id, _, key = entry.partition(":")
        if not _KEY_ID.match(key_id) or key_id in keys:
            raise SettingsError(f"SHOMEI_SECRET_SEAL_KEY entry {position}: needs a new id (letters, digits, _.-)")
        try:
            Fernet(key.encode())
        except ValueError:
            raise SettingsError(f"SHOMEI_SECRET_SEAL_KEY entry {position} ({key_id}) must be a Fernet key "
                                "(32 url-safe base64 bytes)") from None
        keys[key_id] = key
    return KeyRingSealer(keys, next(iter(keys)))
