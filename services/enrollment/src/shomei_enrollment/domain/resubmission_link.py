"""Re-application (再申請) links: one-time, hashed, expiring, bound to a tenant and an application,
like identity's one-time URLs (ADR 0006, 0023). The token travels only in the sealed mail value;
the database keeps its SHA-256, the event a reference to the sealed URL."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from shomei_shared.errors import InvalidInput

# Long enough to find a document again and correct the form; the mail says until when.
LIFETIME = timedelta(days=14)
# Expired links are kept a day, so a late click hears "expired" rather than "invalid".
KEPT_AFTER_EXPIRY = timedelta(days=1)


def hash_token(token: str) -> str:
    # A fast hash suffices for 256 random bits: there is nothing to guess.
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class ResubmissionLink:
    """What the application's event names: the sealed URL's reference and its expiry."""

    secret_ref: str
    expires_at: datetime


@dataclass
class LinkRecord:
    token_hash: str
    tenant_id: str
    application_id: str
    expires_at: datetime
    used_at: datetime | None = None

    @classmethod
    def issue(cls, tenant_id: str, application_id: str, now: datetime) -> tuple[str, LinkRecord]:
        token = secrets.token_urlsafe(32)
        return token, cls(hash_token(token), tenant_id, application_id, now + LIFETIME)

    def check(self, tenant_id: str, now: datetime, application_id: str | None = None) -> None:
        """Refuses a link of another tenant or application (as if unknown), a used one, or an
        expired one; raises InvalidInput at the `token` field."""
        if tenant_id != self.tenant_id or application_id not in (None, self.application_id):
            raise invalid_link()
        if self.used_at is not None:
            raise InvalidInput.one("resubmission_link_used", "token")
        if now >= self.expires_at:
            raise InvalidInput.one("resubmission_link_expired", "token")

    def use(self, tenant_id: str, application_id: str, now: datetime) -> None:
        self.check(tenant_id, now, application_id)
        self.used_at = now


def invalid_link() -> InvalidInput:
    return InvalidInput.one("resubmission_link_invalid", "token")
