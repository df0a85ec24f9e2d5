"""Identity's events (docs/contracts/registration.md). None carries a password, token, one-time
URL or initial password: a mail that needs one carries `secret_ref`, redeemed at identity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shomei_shared.messages import Event


@dataclass(frozen=True)
class RegistrationStarted(Event):
    event_type = "RegistrationStarted"
    email: str
    locale: str
    secret_ref: str
    expires_at: datetime


@dataclass(frozen=True)
class RegistrationEmailVerified(Event):
    event_type = "RegistrationEmailVerified"
    email: str
    locale: str


@dataclass(frozen=True)
class RegistrationRefused(Event):
    """A registration started with an address that already has an account at this university
    (docs/adr/0018): no one-time URL; the address's owner is told how to log in instead."""

    event_type = "RegistrationRefused"
    email: str
    locale: str
    reason: str  # "email_has_account"


@dataclass(frozen=True)
class AccountActivationRefused(Event):
    """An approved application whose address already has this account (docs/adr/0018): no
    second account; enrollment records the approval as failed, the applicant is told."""

    event_type = "AccountActivationRefused"
    application_id: str
    email: str
    locale: str
    reason: str  # "email_has_account"


@dataclass(frozen=True)
class AccountActivated(Event):
    event_type = "AccountActivated"
    email: str
    locale: str
    application_id: str
    secret_ref: str
    expires_at: datetime
    login_url: str


@dataclass(frozen=True)
class PasswordsSet(Event):
    event_type = "PasswordsSet"


@dataclass(frozen=True)
class PasswordChanged(Event):
    event_type = "PasswordChanged"


@dataclass(frozen=True)
class SecondPasswordChanged(Event):
    event_type = "SecondPasswordChanged"


@dataclass(frozen=True)
class EmailChangeRequested(Event):
    event_type = "EmailChangeRequested"
    new_email: str
    locale: str
    secret_ref: str
    expires_at: datetime


@dataclass(frozen=True)
class EmailChanged(Event):
    event_type = "EmailChanged"
    old_email: str
    new_email: str


@dataclass(frozen=True)
class PasswordResetRequested(Event):
    event_type = "PasswordResetRequested"
    email: str
    locale: str
    secret_ref: str
    expires_at: datetime


@dataclass(frozen=True)
class PasswordReset(Event):
    event_type = "PasswordReset"


@dataclass(frozen=True)
class StudentNumberAdditionRequested(Event):
    event_type = "StudentNumberAdditionRequested"
    email: str
    locale: str
    secret_ref: str
    expires_at: datetime


@dataclass(frozen=True)
class LoginLockedOut(Event):
    event_type = "LoginLockedOut"
    until: datetime


@dataclass(frozen=True)
class StaffLoginLockedOut(Event):
    """A staff member's login was locked from one source (docs/adr/0021); the console lists
    the tenant's locked staff for its administrators."""

    event_type = "StaffLoginLockedOut"
    until: datetime
