"""What handlers hand back to the entrypoints (never written to events or logs)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

OK = "ok"
MUST_SET_PASSWORDS = "must_set_passwords"


@dataclass(frozen=True)
class LoginResult:
    status: str
    account_id: str
    session_id: str | None = None
    expires_at: datetime | None = None
    setup_token: str | None = None  # with MUST_SET_PASSWORDS: authorises SetFirstPasswords
    device: str | None = None  # the device id for the browser's cookie, after correct passwords


@dataclass(frozen=True)
class StartedRegistration:
    registration_id: str
    expires_at: datetime


@dataclass(frozen=True)
class VerifiedRegistration:
    registration_id: str
    tenant_id: str
    email: str
    locale: str


@dataclass(frozen=True)
class SessionView:
    subject_kind: str
    subject_id: str
    tenant_id: str
    email: str
    roles: tuple[str, ...]
    expires_at: datetime


@dataclass(frozen=True)
class StaffSession:
    staff_id: str
    tenant_id: str
    roles: tuple[str, ...]
    session_id: str
    expires_at: datetime
    device: str | None = None  # the device id for the browser's cookie


@dataclass(frozen=True)
class SeededStaff:
    staff_id: str
    password: str
    totp_secret: str


@dataclass(frozen=True)
class AccountRef:
    account_id: str
    tenant_id: str
    email: str


@dataclass(frozen=True)
class ResealReport:
    key_id: str  # the current key, under which everything is sealed now
    secrets: int  # mail secrets sealed again
    totp_secrets: int  # staff TOTP secrets sealed again
