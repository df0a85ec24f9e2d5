"""In-memory repositories and unit of work for service-layer tests (fakes of the PostgreSQL ones).

State changes are staged as copies and written back only on commit, so a handler that raises
leaves nothing behind, as with the database.
"""

from __future__ import annotations

import copy
import uuid
from datetime import datetime
from typing import Any, Self

from shomei_identity.domain.credentials import AccountCredentials
from shomei_identity.domain.devices import KnownDevice
from shomei_identity.domain.lockout import LoginGuard
from shomei_identity.domain.sessions import LoginSession
from shomei_identity.domain.staff import StaffMember
from shomei_identity.domain.tokens import OneTimeToken, TokenPurpose
from shomei_identity.service_layer.ports import IdentityUnitOfWork, RedeemedSecret, Sealer, StaffLockout
from shomei_shared.eventstore.memory import InMemoryEventStore
from shomei_shared.messaging.registry import EventRegistry
from shomei_shared.uow import FakeUnitOfWork


class MemoryState:
    """Everything the tables would hold, keyed like them."""

    def __init__(self) -> None:
        self.accounts: dict[str, AccountCredentials] = {}
        self.guards: dict[tuple[str, str], LoginGuard] = {}  # (subject, source) -> guard
        self.devices: dict[tuple[str, str], KnownDevice] = {}  # (subject, id hash) -> device
        self.tokens: dict[str, OneTimeToken] = {}
        # ref -> tenant, kind, (key id, sealed), expiry
        self.secrets: dict[str, tuple[str, str, tuple[str, bytes], datetime]] = {}
        self.sessions: dict[str, LoginSession] = {}
        self.staff: dict[str, StaffMember] = {}


class _Accounts:
    def __init__(self, state: MemoryState) -> None:
        self._s = state

    def add(self, credentials: AccountCredentials) -> None:
        if self.by_email(credentials.tenant_id, credentials.email) is not None:
            raise ValueError("duplicate e-mail in tenant")
        self._s.accounts[credentials.account_id] = copy.copy(credentials)

    def save(self, credentials: AccountCredentials) -> None:
        self._s.accounts[credentials.account_id] = copy.copy(credentials)

    def get(self, account_id: str) -> AccountCredentials | None:
        found = self._s.accounts.get(account_id)
        return copy.copy(found) if found else None

    def by_email(self, tenant_id: str, email: str) -> AccountCredentials | None:
        return self._find(lambda a: a.tenant_id == tenant_id and a.email == email)

    def by_application(self, tenant_id: str, application_id: str) -> AccountCredentials | None:
        return self._find(lambda a: a.tenant_id == tenant_id and a.application_id == application_id)

    def _find(self, matches: Any) -> AccountCredentials | None:
        return next((copy.copy(a) for a in self._s.accounts.values() if matches(a)), None)


class _Guards:
    def __init__(self, state: MemoryState) -> None:
        self._s = state

    def get(self, subject_id: str, source: str) -> LoginGuard:
        return copy.copy(self._s.guards.get((subject_id, source), LoginGuard(subject_id, source)))

    def save(self, guard: LoginGuard) -> None:
        self._s.guards[guard.subject_id, guard.source] = copy.copy(guard)

    def clear_all(self, subject_id: str) -> None:
        for key in [key for key in self._s.guards if key[0] == subject_id]:
            del self._s.guards[key]


class _Devices:
    def __init__(self, state: MemoryState) -> None:
        self._s = state

    def get(self, subject_id: str, id_hash: str) -> KnownDevice | None:
        return copy.copy(self._s.devices.get((subject_id, id_hash)))

    def of_subject(self, subject_id: str) -> list[KnownDevice]:
        return [copy.copy(d) for (subject, _), d in self._s.devices.items() if subject == subject_id]

    def save(self, device: KnownDevice) -> None:
        self._s.devices[device.subject_id, device.id_hash] = copy.copy(device)

    def delete(self, subject_id: str, id_hash: str) -> None:
        self._s.devices.pop((subject_id, id_hash), None)


class _Tokens:
    def __init__(self, state: MemoryState) -> None:
        self._s = state

    def add(self, token: OneTimeToken) -> None:
        self._s.tokens[token.token_hash] = copy.deepcopy(token)

    def get(self, token_hash: str) -> OneTimeToken | None:
        return copy.deepcopy(self._s.tokens.get(token_hash))

    def save(self, token: OneTimeToken) -> None:
        self._s.tokens[token.token_hash] = copy.deepcopy(token)

    def purge_expired(self, before: datetime) -> None:
        for token_hash in [h for h, token in self._s.tokens.items() if token.expires_at < before]:
            del self._s.tokens[token_hash]

    def count_live(self, purpose: TokenPurpose, subject_id: str, now: datetime) -> int:
        return sum(1 for token in self._s.tokens.values() if token.purpose == purpose
                   and token.subject_id == subject_id and token.expires_at > now and token.used_at is None)


class _Vault:
    def __init__(self, state: MemoryState, sealer: Sealer) -> None:
        self._s, self._sealer = state, sealer

    def put(self, tenant_id: str, kind: str, value: str, expires_at: datetime) -> str:
        ref = str(uuid.uuid4())
        self._s.secrets[ref] = (tenant_id, kind, self._sealer.seal(value), expires_at)
        return ref

    def redeem(self, secret_ref: str, now: datetime) -> RedeemedSecret | None:
        found = self._s.secrets.get(secret_ref)
        if found is None or found[3] <= now:
            return None
        return RedeemedSecret(found[1], self._sealer.unseal(*found[2]))

    def reseal(self) -> int:
        stale = [ref for ref, value in self._s.secrets.items() if value[2][0] != self._sealer.current_key_id]
        for ref in stale:
            tenant_id, kind, sealed, expires_at = self._s.secrets[ref]
            self._s.secrets[ref] = (tenant_id, kind, self._sealer.seal(self._sealer.unseal(*sealed)), expires_at)
        return len(stale)

    def purge_expired(self, now: datetime) -> int:
        expired = [ref for ref, value in self._s.secrets.items() if value[3] <= now]
        for ref in expired:
            del self._s.secrets[ref]
        return len(expired)


class _Sessions:
    def __init__(self, state: MemoryState) -> None:
        self._s = state

    def add(self, session: LoginSession) -> None:
        self._s.sessions[session.id_hash] = copy.copy(session)

    def get(self, id_hash: str) -> LoginSession | None:
        return copy.copy(self._s.sessions.get(id_hash))

    def save(self, session: LoginSession) -> None:
        self._s.sessions[session.id_hash] = copy.copy(session)

    def delete(self, id_hash: str) -> None:
        self._s.sessions.pop(id_hash, None)

    def delete_for_subject(self, subject_id: str, keep: str | None = None) -> None:
        for id_hash in [h for h, s in self._s.sessions.items() if s.subject_id == subject_id and h != keep]:
            del self._s.sessions[id_hash]

    def purge_expired(self, now: datetime) -> None:
        for id_hash in [h for h, s in self._s.sessions.items() if not s.alive(now)]:
            del self._s.sessions[id_hash]


class _Staff:
    def __init__(self, state: MemoryState) -> None:
        self._s = state

    def by_email(self, tenant_id: str, email: str) -> StaffMember | None:
        return next((copy.copy(m) for m in self._s.staff.values() if m.tenant_id == tenant_id and m.email == email),
                    None)

    def get(self, staff_id: str) -> StaffMember | None:
        return copy.copy(self._s.staff.get(staff_id))

    def save(self, staff: StaffMember) -> None:
        self._s.staff[staff.staff_id] = copy.copy(staff)

    def sealed_with_other_keys(self, key_id: str) -> list[StaffMember]:
        return [copy.copy(m) for m in self._s.staff.values() if m.totp_key_id != key_id]

    def locked_out(self, tenant_id: str, now: datetime) -> list[StaffLockout]:
        found = []
        for member in self._s.staff.values():
            locks = [g.locked_until for (subject, _), g in self._s.guards.items()
                     if subject == member.staff_id and g.locked_until is not None and g.locked_until > now]
            if member.tenant_id == tenant_id and locks:
                found.append(StaffLockout(member.staff_id, member.email, max(locks)))
        return sorted(found, key=lambda lockout: (-lockout.locked_until.timestamp(), lockout.email))


class MemoryUnitOfWork(FakeUnitOfWork, IdentityUnitOfWork):
    def __init__(self, registry: EventRegistry, sealer: Sealer, state: MemoryState | None = None,
                 store: InMemoryEventStore | None = None) -> None:
        super().__init__(registry, store)
        self.state = state or MemoryState()
        self._sealer = sealer

    def __enter__(self) -> Self:
        # Handlers work on a copy; commit publishes it (all or nothing).
        self._working = copy.deepcopy(self.state)
        self.accounts = _Accounts(self._working)
        self.guards = _Guards(self._working)
        self.devices = _Devices(self._working)
        self.tokens = _Tokens(self._working)
        self.secrets = _Vault(self._working, self._sealer)
        self.sessions = _Sessions(self._working)
        self.staff = _Staff(self._working)
        return super().__enter__()

    def _commit(self) -> None:
        super()._commit()
        self.state.__dict__.update(copy.deepcopy(self._working).__dict__)
