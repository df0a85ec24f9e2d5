"""Setting and changing passwords: first login (rule 12), changes (rule 18), reset (rule 19)."""

from __future__ import annotations

from shomei_identity.domain import password_policy as policy
from shomei_identity.domain.account import Account
from shomei_identity.domain.credentials import AccountCredentials
from shomei_identity.domain.errors import Conflict, InvalidInput, NotFound
from shomei_identity.domain.tokens import TokenPurpose, hash_token
from shomei_identity.service_layer.commands import (
    ChangePassword,
    ChangeSecondPassword,
    ConfirmPasswordReset,
    SetFirstPasswords,
)
from shomei_identity.service_layer.handlers.guarding import open_session, require_current
from shomei_identity.service_layer.handlers.links import redeem_token
from shomei_identity.service_layer.handlers.login import initial_password_expired
from shomei_identity.service_layer.ports import Dependencies, IdentityUnitOfWork
from shomei_identity.service_layer.results import OK, LoginResult


def set_first_passwords(command: SetFirstPasswords, uow: IdentityUnitOfWork, *, deps: Dependencies) -> LoginResult:
    """Rule 12, after the first login proved the initial password (its setup token says so)."""
    now = deps.clock.now()
    with uow:
        token = redeem_token(uow, deps, TokenPurpose.FIRST_PASSWORDS, command.setup_token)
        credentials = uow.accounts.get(token.subject_id)
        assert credentials is not None
        initial = credentials.initial_password_hash
        if initial is None:
            raise Conflict.one("passwords_already_set", "_account")
        if not credentials.initial_usable(now):
            raise initial_password_expired()
        policy.require_new_pair(command.password, command.second_password,
                                password_reused=deps.hasher.verify(initial, command.password))
        uow.get(Account, credentials.account_id).set_passwords()
        credentials.password_hash = deps.hasher.hash(command.password)
        credentials.second_password_hash = deps.hasher.hash(command.second_password)
        credentials.initial_password_hash, credentials.initial_expires_at = None, None  # single use
        uow.accounts.save(credentials)
        session_id, session = open_session(uow, now, credentials.tenant_id, "graduate", credentials.account_id)
        uow.commit()
    return LoginResult(OK, credentials.account_id, session_id, session.expires_at())


def change_password(command: ChangePassword, uow: IdentityUnitOfWork, *, deps: Dependencies) -> None:
    with uow:
        credentials, account = _load(uow, command.account_id)
        assert credentials.password_hash is not None and credentials.second_password_hash is not None
        require_current(uow, deps, credentials.account_id, command.source, credentials.password_hash,
                        command.current_password, InvalidInput.one("wrong_current_password", "current_password"))
        policy.require_new_single(
            command.new_password, "password", confirmation=command.confirmation,
            reused_previous=command.new_password == command.current_password,
            other_password_matches=deps.hasher.verify(credentials.second_password_hash, command.new_password))
        account.change_password()
        credentials.password_hash = deps.hasher.hash(command.new_password)
        uow.accounts.save(credentials)
        _end_other_sessions(uow, credentials.account_id, command.session_id)
        uow.commit()


def change_second_password(command: ChangeSecondPassword, uow: IdentityUnitOfWork, *, deps: Dependencies) -> None:
    with uow:
        credentials, account = _load(uow, command.account_id)
        assert credentials.password_hash is not None and credentials.second_password_hash is not None
        require_current(uow, deps, credentials.account_id, command.source, credentials.second_password_hash,
                        command.current_second_password,
                        InvalidInput.one("wrong_current_second_password", "current_second_password"))
        policy.require_new_single(
            command.new_second_password, "second_password", confirmation=command.confirmation,
            reused_previous=command.new_second_password == command.current_second_password,
            other_password_matches=deps.hasher.verify(credentials.password_hash, command.new_second_password))
        account.change_second_password()
        credentials.second_password_hash = deps.hasher.hash(command.new_second_password)
        uow.accounts.save(credentials)
        _end_other_sessions(uow, credentials.account_id, command.session_id)
        uow.commit()


def confirm_password_reset(command: ConfirmPasswordReset, uow: IdentityUnitOfWork, *, deps: Dependencies) -> None:
    with uow:
        token = redeem_token(uow, deps, TokenPurpose.PASSWORD_RESET, command.token, command.tenant_id)
        credentials, account = _load(uow, token.subject_id)
        assert credentials.password_hash is not None
        policy.require_new_pair(
            command.new_password, command.new_second_password,
            password_reused=deps.hasher.verify(credentials.password_hash, command.new_password))
        account.reset_password()
        credentials.password_hash = deps.hasher.hash(command.new_password)
        credentials.second_password_hash = deps.hasher.hash(command.new_second_password)
        uow.accounts.save(credentials)
        uow.guards.clear_all(account.id)  # the reset path always works, and unlocks every source
        # Whoever knew the old password is signed out everywhere.
        uow.sessions.delete_for_subject(account.id)
        uow.commit()


def _end_other_sessions(uow: IdentityUnitOfWork, account_id: str, session_id: str | None) -> None:
    """Whoever signed in with the old password is signed out; the session that made the change
    stays (docs/adr/0021)."""
    uow.sessions.delete_for_subject(account_id, keep=hash_token(session_id) if session_id else None)


def _load(uow: IdentityUnitOfWork, account_id: str) -> tuple[AccountCredentials, Account]:
    credentials = uow.accounts.get(account_id)
    if credentials is None:
        raise NotFound.one("account_not_found", "account_id")
    account = uow.get(Account, account_id)
    account.require_active()
    return credentials, account

