"""Server-side sessions (docs/adr/0007): 256-bit random ids of which only the SHA-256 is stored;
30 minutes idle, 8 hours absolute; a new id at every login."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from shomei_identity.domain.tokens import hash_token

IDLE_TIMEOUT = timedelta(minutes=30)
ABSOLUTE_TIMEOUT = timedelta(hours=8)


@dataclass
class LoginSession:
    id_hash: str
    tenant_id: str
    subject_kind: str  # "graduate" or "staff"
    subject_id: str
    roles: tuple[str, ...]
    created_at: datetime
    last_seen_at: datetime

    @classmethod
    def start(cls, tenant_id: str, subject_kind: str, subject_id: str, roles: tuple[str, ...],
              now: datetime) -> tuple[str, LoginSession]:
        """The session id to hand to the browser (never stored) and the record to store."""
        session_id = secrets.token_urlsafe(32)
        return session_id, cls(hash_token(session_id), tenant_id, subject_kind, subject_id, roles, now, now)

    @property
    def absolute_expiry(self) -> datetime:
        return self.created_at + ABSOLUTE_TIMEOUT

    def expires_at(self) -> datetime:
        return min(self.last_seen_at + IDLE_TIMEOUT, self.absolute_expiry)

    def alive(self, now: datetime) -> bool:
        return now < self.expires_at()

    def touch(self, now: datetime) -> None:
        self.last_seen_at = now
