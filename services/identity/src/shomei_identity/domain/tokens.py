"""One-time tokens (one-time URLs): 256 random bits, stored only as their SHA-256, single use,
each purpose with its own lifetime (docs/adr/0006)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from shomei_identity.domain.errors import InvalidInput

TOKEN_BYTES = 32


class TokenPurpose(StrEnum):
    REGISTRATION = "registration"
    EMAIL_CHANGE = "email_change"
    PASSWORD_RESET = "password_reset"
    STUDENT_NUMBER_ADDITION = "student_number_addition"
    # Handed to the gateway by the first login (never mailed), so that it need not keep the
    # initial password between the login page and the password-setting page.
    FIRST_PASSWORDS = "first_passwords"


LIFETIMES: dict[TokenPurpose, timedelta] = {
    TokenPurpose.REGISTRATION: timedelta(minutes=60),
    TokenPurpose.EMAIL_CHANGE: timedelta(minutes=60),
    # Shorter: a reset link hands over the whole account.
    TokenPurpose.PASSWORD_RESET: timedelta(minutes=30),
    TokenPurpose.STUDENT_NUMBER_ADDITION: timedelta(minutes=60),
    TokenPurpose.FIRST_PASSWORDS: timedelta(minutes=15),
}


def new_secret_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """What we store and look up by: a leaked table cannot be turned back into working links."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class OneTimeToken:
    token_hash: str
    purpose: TokenPurpose
    tenant_id: str
    subject_id: str
    expires_at: datetime
    used_at: datetime | None = None
    data: dict[str, str] = field(default_factory=dict)

    @classmethod
    def issue(cls, purpose: TokenPurpose, tenant_id: str, subject_id: str, now: datetime,
              data: dict[str, str] | None = None) -> tuple[str, OneTimeToken]:
        """The token to mail (once, never stored) and the record to store."""
        token = new_secret_token()
        return token, cls(hash_token(token), purpose, tenant_id, subject_id, now + LIFETIMES[purpose],
                          data=dict(data or {}))

    def redeem(self, purpose: TokenPurpose, now: datetime) -> None:
        """Use the token up; refuses a token of another purpose, an expired or a used one."""
        if purpose != self.purpose:
            raise invalid_token()
        if self.used_at is not None:
            raise InvalidInput.one("token_used", "token")
        if now >= self.expires_at:
            raise InvalidInput.one("token_expired", "token")
        self.used_at = now


def invalid_token() -> InvalidInput:
    return InvalidInput.one("token_invalid", "token")
