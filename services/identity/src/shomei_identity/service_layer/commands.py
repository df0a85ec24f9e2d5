"""Commands: what callers ask identity to do (imperative)."""

from __future__ import annotations

from dataclasses import dataclass

from shomei_shared.messages import Command


@dataclass(frozen=True)
class StartRegistration(Command):
    tenant_id: str
    email: str
    locale: str


@dataclass(frozen=True)
class VerifyRegistration(Command):
    token: str
    tenant_id: str | None = None  # the address's tenant; a token of another is refused


@dataclass(frozen=True)
class ActivateAccount(Command):
    tenant_id: str
    application_id: str
    email: str
    locale: str


@dataclass(frozen=True)
class LogIn(Command):
    tenant_id: str
    email: str
    password: str
    second_password: str
    # Where the attempt comes from (the client address the gateway or console saw): failures
    # lock this source only (docs/adr/0021).
    source: str = ""
    # The browser's device id (its cookie): when known for this subject, the attempt is guarded
    # as coming from that device instead of `source` (docs/adr/0026).
    device: str = ""


@dataclass(frozen=True)
class SetFirstPasswords(Command):
    setup_token: str
    password: str
    second_password: str


@dataclass(frozen=True)
class ChangePassword(Command):
    account_id: str
    current_password: str
    new_password: str
    confirmation: str
    session_id: str | None = None  # the session asking: the account's other sessions end
    source: str = ""  # a wrong current password counts as a failed login from here


@dataclass(frozen=True)
class ChangeSecondPassword(Command):
    account_id: str
    current_second_password: str
    new_second_password: str
    confirmation: str
    session_id: str | None = None  # the session asking: the account's other sessions end
    source: str = ""  # a wrong current second password counts as a failed login from here


@dataclass(frozen=True)
class RequestEmailChange(Command):
    account_id: str
    new_email: str
    confirmation: str
    locale: str
    current_password: str  # whoever holds only a session cannot take the account over
    source: str = ""  # a wrong current password counts as a failed login from here


@dataclass(frozen=True)
class ConfirmEmailChange(Command):
    token: str
    tenant_id: str | None = None  # the address's tenant; a token of another is refused


@dataclass(frozen=True)
class RequestPasswordReset(Command):
    tenant_id: str
    email: str
    locale: str


@dataclass(frozen=True)
class ConfirmPasswordReset(Command):
    token: str
    new_password: str
    new_second_password: str
    tenant_id: str | None = None  # the address's tenant; a token of another is refused


@dataclass(frozen=True)
class RequestStudentNumberAddition(Command):
    account_id: str
    locale: str


@dataclass(frozen=True)
class VerifyStudentNumberAddition(Command):
    token: str
    tenant_id: str | None = None  # the address's tenant; a token of another is refused


@dataclass(frozen=True)
class LookUpSession(Command):
    """Find a live session and extend its idle time (touch)."""

    session_id: str
    tenant_id: str | None = None  # the address's tenant: another tenant's session is unknown there


@dataclass(frozen=True)
class LogOut(Command):
    session_id: str


@dataclass(frozen=True)
class StaffLogIn(Command):
    tenant_id: str
    email: str
    password: str
    totp_code: str
    # Where the attempt comes from (the client address the gateway or console saw): failures
    # lock this source only (docs/adr/0021).
    source: str = ""
    # The browser's device id (its cookie): when known for this subject, the attempt is guarded
    # as coming from that device instead of `source` (docs/adr/0026).
    device: str = ""


@dataclass(frozen=True)
class RedeemSecret(Command):
    secret_ref: str


@dataclass(frozen=True)
class SeedStaff(Command):
    tenant_id: str
    email: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class ListStaffLockouts(Command):
    tenant_id: str


@dataclass(frozen=True)
class ResealSecrets(Command):
    """Seal every secret kept under an older key again with the current one (docs/adr/0021)."""
