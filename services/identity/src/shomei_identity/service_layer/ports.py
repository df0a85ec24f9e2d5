"""What the handlers need from the outside world; adapters provide the real and fake ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from shomei_identity.domain.credentials import AccountCredentials
from shomei_identity.domain.devices import KnownDevice
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
    """Authenticated encryption for secrets kept at rest, under a ring of keys with ids
    (docs/adr/0021): a sealed value is kept with the id of the key that sealed it."""

    @property
    def current_key_id(self) -> str: ...

    def seal(self, plaintext: str) -> tuple[str, bytes]:
        """(key id, sealed value) under the current key."""

    def unseal(self, key_id: str, sealed: bytes) -> str: ...


class Totp(Protocol):
    def new_secret(self) -> str: ...

    def matching_step(self, secret: str, code: str, now: datetime) -> int | None:
        """The time step whose code `code` is (within the allowed drift), or None."""


class AccountRepository(Protocol):
    def add(self, credentials: AccountCredentials) -> None: ...

    def save(self, credentials: AccountCredentials) -> None: ...

    def get(self, account_id: str) -> AccountCredentials | None: ...

    def by_email(self, tenant_id: str, email: str) -> AccountCredentials | None: ...

    def by_application(self, tenant_id: str, application_id: str) -> AccountCredentials | None: ...


class GuardRepository(Protocol):
    def get(self, subject_id: str, source: str) -> LoginGuard:
        """The guard of this subject's logins from this source (docs/adr/0021)."""

    def save(self, guard: LoginGuard) -> None: ...

    def clear_all(self, subject_id: str) -> None:
        """Forget every source's failures and locks (a reset or a new staff password)."""


class DeviceRepository(Protocol):
    """Hashed device ids per subject (docs/adr/0026)."""

    def get(self, subject_id: str, id_hash: str) -> KnownDevice | None: ...

    def of_subject(self, subject_id: str) -> list[KnownDevice]: ...

    def save(self, device: KnownDevice) -> None:
        """Add the device, or record when it was last seen."""

    def delete(self, subject_id: str, id_hash: str) -> None: ...


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

    def reseal(self) -> int:
        """Seal every value kept under another key than the current one again with the current
        key; returns how many were resealed."""


class SessionRepository(Protocol):
    def add(self, session: LoginSession) -> None: ...

    def get(self, id_hash: str) -> LoginSession | None: ...

    def save(self, session: LoginSession) -> None: ...

    def delete(self, id_hash: str) -> None: ...

    def delete_for_subject(self, subject_id: str, keep: str | None = None) -> None:
        """End the subject's sessions, all but the one whose id hash is `keep`."""

    def purge_expired(self, now: datetime) -> None: ...


class StaffRepository(Protocol):
    def by_email(self, tenant_id: str, email: str) -> StaffMember | None: ...

    def get(self, staff_id: str) -> StaffMember | None: ...

    def save(self, staff: StaffMember) -> None: ...

    def sealed_with_other_keys(self, key_id: str) -> list[StaffMember]: ...

    def locked_out(self, tenant_id: str, now: datetime) -> list[StaffLockout]:
        """The tenant's staff whose login is locked from some source now, longest lock first."""


@dataclass(frozen=True)
class StaffLockout:
    staff_id: str
    email: str
    locked_until: datetime


class IdentityUnitOfWork(AbstractUnitOfWork):
    """The event store plus identity's state tables, all in one transaction."""

    accounts: AccountRepository
    guards: GuardRepository
    devices: DeviceRepository
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
    # A hash of nothing anyone knows: a login for an address without a password to check
    # verifies against it, so every login costs the same (docs/adr/0021).
    dummy_hash: str
