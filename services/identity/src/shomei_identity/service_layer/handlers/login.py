"""Rule 13 (e-mail, password, second password) and rule 12's first login with the initial
password and an empty second password, which answers "must set passwords" with a short-lived
setup token instead of a session."""

from __future__ import annotations

from datetime import datetime

from shomei_identity.domain.account import Account
from shomei_identity.domain.credentials import INITIAL_PASSWORD_LIFETIME, AccountCredentials
from shomei_identity.domain.emails import normalise_email
from shomei_identity.domain.errors import Conflict, login_refused
from shomei_identity.domain.tokens import OneTimeToken, TokenPurpose
from shomei_identity.service_layer.commands import LogIn
from shomei_identity.service_layer.handlers.guarding import fail_login, open_session, refuse_if_locked
from shomei_identity.service_layer.ports import Dependencies, IdentityUnitOfWork
from shomei_identity.service_layer.results import MUST_SET_PASSWORDS, OK, LoginResult


def log_in(command: LogIn, uow: IdentityUnitOfWork, *, deps: Dependencies) -> LoginResult:
    now = deps.clock.now()
    with uow:
        credentials = uow.accounts.by_email(command.tenant_id, normalise_email(command.email))
        if credentials is None:
            deps.hasher.hash(command.password)  # as slow as a real check: timing tells nothing
            raise login_refused()
        guard = uow.guards.get(credentials.account_id)
        refuse_if_locked(guard, now)
        if credentials.password_hash is None:
            if _initial_password_matches(credentials, command, deps, now):
                guard.clear()
                uow.guards.save(guard)
                setup_token, record = OneTimeToken.issue(TokenPurpose.FIRST_PASSWORDS, command.tenant_id,
                                                         credentials.account_id, now)
                uow.tokens.add(record)
                uow.commit()
                return LoginResult(MUST_SET_PASSWORDS, credentials.account_id, expires_at=record.expires_at,
                                   setup_token=setup_token)
        elif _passwords_match(credentials, command, deps):
            guard.clear()
            uow.guards.save(guard)
            _rehash_if_outdated(credentials, command, deps)
            uow.accounts.save(credentials)
            session_id, session = open_session(uow, now, command.tenant_id, "graduate", credentials.account_id)
            uow.commit()
            return LoginResult(OK, credentials.account_id, session_id, session.expires_at())

        def lock(until: datetime) -> None:
            uow.get(Account, credentials.account_id).lock_out(until)

        raise fail_login(uow, guard, now, login_refused(), lock)


def _initial_password_matches(credentials: AccountCredentials, command: LogIn, deps: Dependencies,
                              now: datetime) -> bool:
    if credentials.initial_password_hash is None or command.second_password != "":
        return False
    if not deps.hasher.verify(credentials.initial_password_hash, command.password):
        return False
    if not credentials.initial_usable(now):
        raise initial_password_expired()
    return True


def _passwords_match(credentials: AccountCredentials, command: LogIn, deps: Dependencies) -> bool:
    assert credentials.password_hash is not None and credentials.second_password_hash is not None
    # Both are checked every time, so the answer's timing does not tell which one was wrong.
    password_ok = deps.hasher.verify(credentials.password_hash, command.password)
    second_ok = deps.hasher.verify(credentials.second_password_hash, command.second_password)
    return password_ok and second_ok


def _rehash_if_outdated(credentials: AccountCredentials, command: LogIn, deps: Dependencies) -> None:
    """Hashing parameters rise over time; a login is the only moment we hold the passwords."""
    assert credentials.password_hash is not None and credentials.second_password_hash is not None
    if deps.hasher.needs_rehash(credentials.password_hash):
        credentials.password_hash = deps.hasher.hash(command.password)
    if deps.hasher.needs_rehash(credentials.second_password_hash):
        credentials.second_password_hash = deps.hasher.hash(command.second_password)


def initial_password_expired() -> Conflict:
    return Conflict.one("initial_password_expired", "password", days=INITIAL_PASSWORD_LIFETIME.days)
