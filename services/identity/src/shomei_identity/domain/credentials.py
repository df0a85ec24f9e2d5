"""What an account's passwords are, as hashes (never in events: docs/adr/0005)."""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass
from datetime import datetime, timedelta

INITIAL_PASSWORD_LIFETIME = timedelta(days=7)
_INITIAL_ALPHABET = string.ascii_letters + string.digits


@dataclass
class AccountCredentials:
    account_id: str
    tenant_id: str
    email: str
    application_id: str
    initial_password_hash: str | None
    initial_expires_at: datetime | None
    password_hash: str | None = None
    second_password_hash: str | None = None

    def initial_usable(self, now: datetime) -> bool:
        """Single use: the hash is dropped once the passwords are set."""
        return (self.initial_password_hash is not None and self.initial_expires_at is not None
                and now < self.initial_expires_at)


def new_initial_password() -> str:
    """16 half-width alphanumerics with upper, lower and a digit (about 95 bits)."""
    while True:
        candidate = "".join(secrets.choice(_INITIAL_ALPHABET) for _ in range(16))
        if (any(c.isupper() for c in candidate) and any(c.islower() for c in candidate)
                and any(c.isdigit() for c in candidate)):
            return candidate
