"""Rule 13 (e-mail, password, second password) and rule 12's first login with the initial
password and an empty second password, which answers "must set passwords" with a short-lived
setup token instead of a session."""

from __future__ import annotations

from datetime import datetime

from shomei_identity.domain.credentials import INITIAL_PASSWORD_LIFETIME, AccountCredentials
from shomei_identity.domain.emails import normalise_email
from shomei_identity.domain.errors import Conflict, login_refused
from shomei_identity.domain.tokens import OneTimeToken, TokenPurpose
from shomei_identity.service_layer.commands import LogIn
from shomei_identity.service_layer.handlers.guarding import (
    fail_login,
    lock_account,
    login_guard,
    open_session,
    refuse_if_locked,
    remember_device,
)
from shomei_identity.service_layer.ports import Dependencies, IdentityUnitOfWork
from shomei_identity.service_layer.results import MUST_SET_PASSWORDS, OK, LoginResult


def log_in(command: LogIn, uow: IdentityUnitOfWork, *, deps: Dependencies) -> LoginResult:
    now = deps.clock.now()
    with uow:
        credentials = uow.accounts.by_email(command.tenant_id, normalise_email(command.email))
        if credentials is None:
            _verify_both(deps, None, None, command)  # the same work: no timing oracle
            raise login_refused()
        guard, known = login_guard(uow, credentials.account_id, command.source, command.device, now)
        refuse_if_locked(guard, now)
        if credentials.password_hash is None:
            if _initial_password_matches(credentials, command, deps, now):
                guard.clear()
                uow.guards.save(guard)
                device = remember_device(uow, credentials.account_id, command.device, known, now)
                setup_token, record = OneTimeToken.issue(TokenPurpose.FIRST_PASSWORDS, command.tenant_id,
                                                         credentials.account_id, now)
                uow.tokens.add(record)
                uow.commit()
                return LoginResult(MUST_SET_PASSWORDS, credentials.account_id, expires_at=record.expires_at,
                                   setup_token=setup_token, device=device)
        elif all(_verify_both(deps, credentials.password_hash, credentials.second_password_hash, command)):
            guard.clear()
            uow.guards.save(guard)
            device = remember_device(uow, credentials.account_id, command.device, known, now)
            _rehash_if_outdated(credentials, command, deps)
            uow.accounts.save(credentials)
            session_id, session = open_session(uow, now, command.tenant_id, "graduate", credentials.account_id)
            uow.commit()
            return LoginResult(OK, credentials.account_id, session_id, session.expires_at(), device=device)
        raise fail_login(uow, guard, now, login_refused(), lock_account(uow, credentials.account_id))


def _initial_password_matches(credentials: AccountCredentials, command: LogIn, deps: Dependencies,
                              now: datetime) -> bool:
    """Awaiting passwords: the initial password, and the second password empty. Two
    verifications whatever was typed, as for an active account (docs/adr/0021)."""
    initial_ok, _ = _verify_both(deps, credentials.initial_password_hash, None, command)
    if not initial_ok or command.second_password != "":
        return False
    if not credentials.initial_usable(now):
        raise initial_password_expired()
    return True


def _verify_both(deps: Dependencies, password_hash: str | None, second_password_hash: str | None,
                 command: LogIn) -> tuple[bool, bool]:
    """Always exactly two argon2id verifications, whichever kind of address (unknown, awaiting
    passwords, active) and whichever part is wrong, so the answer's timing tells nothing. A
    missing hash is stood in for by the dummy hash, which nothing matches."""
    password_ok = deps.hasher.verify(password_hash or deps.dummy_hash, command.password)
    second_ok = deps.hasher.verify(second_password_hash or deps.dummy_hash, command.second_password)
    return password_ok and password_hash is not None, second_ok and second_password_hash is not None


def _rehash_if_outdated(credentials: AccountCredentials, command: LogIn, deps: Dependencies) -> None:
    """Hashing parameters rise over time; a login is the only moment we hold the passwords."""
    assert credentials.password_hash is not None and credentials.second_password_hash is not None
    if deps.hasher.needs_rehash(credentials.password_hash):
        credentials.password_hash = deps.hasher.hash(command.password)
    if deps.hasher.needs_rehash(credentials.second_password_hash):
        credentials.second_password_hash = deps.hasher.hash(command.second_password)


def initial_password_expired() -> Conflict:
    return Conflict.one("initial_password_expired", "password", days=INITIAL_PASSWORD_LIFETIME.days)
