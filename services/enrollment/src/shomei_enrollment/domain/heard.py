"""The events enrollment hears from identity, as enrollment reads them (its own copy of the
published contract, docs/contracts/; services never import each other)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shomei_shared.messages import Event


@dataclass(frozen=True)
class RegistrationEmailVerified(Event):
    """identity.registration: the address is proven; an application may now be submitted."""

    event_type = "RegistrationEmailVerified"
    tenant_id: str
    aggregate_id: str  # the registration
    occurred_at: datetime
    email: str
    locale: str


@dataclass(frozen=True)
class AccountActivated(Event):
    """identity.account: the approved applicant's account exists."""

    event_type = "AccountActivated"
    aggregate_id: str  # the account
    application_id: str


@dataclass(frozen=True)
class AccountActivationRefused(Event):
    """identity.account: an approved application's address already has an account (the one
    this event belongs to), so no account was made for it (docs/adr/0018)."""

    event_type = "AccountActivationRefused"
    application_id: str
    reason: str


@dataclass(frozen=True)
class EmailChanged(Event):
    """identity.account: the graduate's login (and contact) address changed."""

    event_type = "EmailChanged"
    aggregate_id: str  # the account
    new_email: str
