"""Shared by graduate and staff logins: lockout checks, failure counting and new sessions."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime

from shomei_identity.domain.account import Account
from shomei_identity.domain.devices import MAX_DEVICES, KnownDevice
from shomei_identity.domain.errors import DomainError, LockedOut
from shomei_identity.domain.lockout import LoginGuard
from shomei_identity.domain.sessions import LoginSession
from shomei_identity.domain.tokens import hash_token
from shomei_identity.service_layer.ports import Dependencies, IdentityUnitOfWork


def login_guard(uow: IdentityUnitOfWork, subject_id: str, source: str, device_id: str,
                now: datetime) -> tuple[LoginGuard, KnownDevice | None]:
    """The guard of a login attempt (docs/adr/0026): the device's own when the browser shows a
    device id known for this subject, else its source's (the client address). A device id of
    another subject, an unknown or a forgotten one counts for nothing."""
    known = uow.devices.get(subject_id, hash_token(device_id)) if device_id else None
    if known is not None and known.forgotten(now):
        known = None
    return uow.guards.get(subject_id, known.source if known else source), known


def remember_device(uow: IdentityUnitOfWork, subject_id: str, shown: str, known: KnownDevice | None,
                    now: datetime) -> str:
    """After correct credentials: the device id the browser keeps. A known device is seen again
    and keeps its id; any other browser gets a new id (never one it chose), and the subject's
    forgotten devices and those beyond the cap, least recently seen first, are dropped."""
    if known is not None:
        known.last_seen_at = now
        uow.devices.save(known)
        return shown
    device_id, device = KnownDevice.issue(subject_id, now)
    devices = sorted(uow.devices.of_subject(subject_id), key=lambda d: d.last_seen_at, reverse=True)
    live = [d for d in devices if not d.forgotten(now)]
    for old in [d for d in devices if d not in live] + live[MAX_DEVICES - 1:]:
        uow.devices.delete(subject_id, old.id_hash)
    uow.devices.save(device)
    return device_id


def refuse_if_locked(guard: LoginGuard, now: datetime) -> None:
    remaining = guard.remaining_lock(now)
    if remaining is not None:
        raise LockedOut(math.ceil(remaining.total_seconds()))


def fail_login(uow: IdentityUnitOfWork, guard: LoginGuard, now: datetime, refusal: DomainError,
               on_lock: Callable[[datetime], None] | None = None) -> DomainError:
    """Count the failure and commit it (it must survive the refusal); returns what to raise."""
    until = guard.register_failure(now)
    uow.guards.save(guard)
    if until is not None and on_lock is not None:
        on_lock(until)
    uow.commit()
    if until is not None:
        return LockedOut(math.ceil((until - now).total_seconds()))
    return refusal


def lock_account(uow: IdentityUnitOfWork, account_id: str) -> Callable[[datetime], None]:
    """Records a graduate's lock on the account, so the notifier can warn the owner."""

    def lock(until: datetime) -> None:
        uow.get(Account, account_id).lock_out(until)

    return lock


def require_current(uow: IdentityUnitOfWork, deps: Dependencies, account_id: str, source: str, password_hash: str,
                    given: str, refusal: DomainError) -> None:
    """A change that asks for a current password is a login attempt too (docs/adr/0021): a
    wrong one counts as a failure from `source` and can lock it, so a stolen session cannot
    be used to guess the password without limit."""
    now = deps.clock.now()
    guard = uow.guards.get(account_id, source)
    refuse_if_locked(guard, now)
    if not deps.hasher.verify(password_hash, given):
        raise fail_login(uow, guard, now, refusal, lock_account(uow, account_id))


def open_session(uow: IdentityUnitOfWork, now: datetime, tenant_id: str, kind: str, subject_id: str,
                 roles: tuple[str, ...] = ()) -> tuple[str, LoginSession]:
    """A fresh session id at every login (no fixation); the guard is cleared by the caller."""
    uow.sessions.purge_expired(now)  # logins are frequent enough to keep the table small
    session_id, session = LoginSession.start(tenant_id, kind, subject_id, roles, now)
    uow.sessions.add(session)
    return session_id, session
