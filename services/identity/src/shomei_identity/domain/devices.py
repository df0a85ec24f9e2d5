"""Known devices (docs/adr/0026): a browser an account has logged in from keeps a random device
id in a long-lived cookie; identity keeps only its SHA-256, per account. A login that shows a
device id known for that account is guarded as coming from that device, not from its address,
so failures of others behind the same address (a campus or carrier NAT) do not lock the owner
out; the device's own failures still lock it."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from shomei_identity.domain.tokens import hash_token

DEVICE_ID_BYTES = 32
# A device not seen for this long is forgotten, as its cookie expires with the same age.
DEVICE_LIFETIME = timedelta(days=365)
# Per account (or staff member): the least recently seen goes first. Bounds the rows an owner
# leaves behind, and what a stolen session's browser could add.
MAX_DEVICES = 10
# Device guards apart from address guards: no address starts so, and no caller knows the hash.
DEVICE_SOURCE_PREFIX = "device:"


@dataclass
class KnownDevice:
    subject_id: str
    id_hash: str
    last_seen_at: datetime

    @classmethod
    def issue(cls, subject_id: str, now: datetime) -> tuple[str, KnownDevice]:
        """The device id for the browser's cookie (never stored) and the record to store."""
        device_id = secrets.token_urlsafe(DEVICE_ID_BYTES)
        return device_id, cls(subject_id, hash_token(device_id), now)

    @property
    def source(self) -> str:
        """The guard source of this device's login attempts."""
        return DEVICE_SOURCE_PREFIX + self.id_hash

    def forgotten(self, now: datetime) -> bool:
        return now - self.last_seen_at >= DEVICE_LIFETIME
