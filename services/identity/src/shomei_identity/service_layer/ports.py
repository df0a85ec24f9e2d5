"""What the handlers need from the outside world; adapters provide the real and fake ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from shomei_identity.domain.credentials import AccountCredentials
from shomei_identity.domain.lockout import LoginGuard
from shomei_identity.domain.sessions import LoginSession
from shomei_identity.domain.staff import StaffMember
from shomei_identity.domain.tokens import OneTimeToken, TokenPurpose
from shomei_shared.clock import Clock
from shomei_shared.sealing import RedeemedSecret as RedeemedSecret  # the port speaks of it
from shomei_shared.uow import AbstractUnitOfWork


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...

    def needs_rehash(self, password_hash: str) -> bool: ...


class Sealer(Protocol):
    """Authenticated encryption for secrets kept at rest."""

    def seal(self, plaintext: str) -> bytes: ...

    def unseal(self, sealed: bytes) -> str: ...


class Totp(Protocol):
    def new_secret(self) -> str: ...

    def verify(self, secret: str, code: str, now: datetime) -> bool: ...


class AccountRepository(Protocol):
    def add(self, credentials: AccountCredentials) -> None: ...

    def save(self, credentials: AccountCredentials) -> None: ...

    def get(self, account_id: str) -> AccountCredentials | None: ...

    def by_email(self, tenant_id: str, email: str) -> AccountCredentials | None: ...

    def by_application(self, tenant_id: str, application_id: str) -> AccountCredentials | None: ...


class GuardRepository(Protocol):
    def get(self, subject_id: str) -> LoginGuard: ...

    def save(self, guard: LoginGuard) -> None: ...


class TokenRepository(Protocol):
    def add(self, token: OneTimeToken) -> None: ...

    def get(self, token_hash: str) -> OneTimeToken | None: ...

    def save(self, token: OneTimeToken) -> None: ...

    def purge_expired(self, before: datetime) -> None: ...

    def count_live(self, purpose: TokenPurpose, subject_id: str, now: datetime) -> int:
        """Unused, unexpired tokens of this purpose for this subject."""


class SecretVault(Protocol):
    """Sealed values the notifier redeems by reference (the contract's `secret_ref`)."""

    def put(self, tenant_id: str, kind: str, value: str, expires_at: datetime) -> str: ...

    def redeem(self, secret_ref: str, now: datetime) -> RedeemedSecret | None: ...

    def purge_expired(self, now: datetime) -> int: ...


class SessionRepository(Protocol):
    def add(self, session: LoginSession) -> None: ...

    def get(self, id_hash: str) -> LoginSession | None: ...

    def save(self, session: LoginSession) -> None: ...

    def delete(self, id_hash: str) -> None: ...

    def delete_for_subject(self, subject_id: str) -> None: ...

    def purge_expired(self, now: datetime) -> None: ...


class StaffRepository(Protocol):
    def by_email(self, tenant_id: str, email: str) -> StaffMember | None: ...

    def get(self, staff_id: str) -> StaffMember | None: ...

    def save(self, staff: StaffMember) -> None: ...


class IdentityUnitOfWork(AbstractUnitOfWork):
    """The event store plus identity's state tables, all in one transaction."""

    accounts: AccountRepository
    guards: GuardRepository
    tokens: TokenRepository
    secrets: SecretVault
    sessions: SessionRepository
    staff: StaffRepository


@dataclass(frozen=True)
class Dependencies:
    clock: Clock
    hasher: PasswordHasher
    sealer: Sealer
    totp: Totp
    public_base_url: str
