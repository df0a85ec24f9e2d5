"""Requests answered by a one-time URL: e-mail change (rule 17), password reset (rule 19) and
student-number addition (rule 14)."""

from __future__ import annotations

from shomei_identity.domain.account import Account
from shomei_identity.domain.emails import normalise_email
from shomei_identity.domain.errors import Conflict, InvalidInput, NotFound
from shomei_identity.domain.tokens import TokenPurpose
from shomei_identity.service_layer.commands import (
    ConfirmEmailChange,
    RequestEmailChange,
    RequestPasswordReset,
    RequestStudentNumberAddition,
    VerifyStudentNumberAddition,
)
from shomei_identity.service_layer.handlers.guarding import require_current
from shomei_identity.service_layer.handlers.links import issue_link, redeem_token
from shomei_identity.service_layer.ports import Dependencies, IdentityUnitOfWork
from shomei_identity.service_layer.results import AccountRef

MAX_LIVE_RESET_LINKS = 3


def request_email_change(command: RequestEmailChange, uow: IdentityUnitOfWork, *, deps: Dependencies) -> None:
    new_email = normalise_email(command.new_email)
    if new_email != normalise_email(command.confirmation):
        raise InvalidInput.one("email_confirmation_mismatch", "confirmation")
    with uow:
        account = _active_account(uow, command.account_id)
        credentials = uow.accounts.get(account.id)
        assert credentials is not None and credentials.password_hash is not None
        # The new address receives the reset links from then on: only the password's holder may
        # move it, not whoever holds a session (docs/adr/0021).
        require_current(uow, deps, account.id, command.source, credentials.password_hash, command.current_password,
                        InvalidInput.one("wrong_current_password", "current_password"))
        if new_email == account.email:
            raise InvalidInput.one("same_email", "new_email")
        _require_free(uow, account.tenant_id, new_email)
        secret_ref, expires_at = issue_link(uow, deps, TokenPurpose.EMAIL_CHANGE, account.tenant_id, account.id,
                                            {"new_email": new_email})
        account.request_email_change(new_email, command.locale, secret_ref, expires_at)
        uow.commit()


def confirm_email_change(command: ConfirmEmailChange, uow: IdentityUnitOfWork, *, deps: Dependencies) -> AccountRef:
    with uow:
        token = redeem_token(uow, deps, TokenPurpose.EMAIL_CHANGE, command.token, command.tenant_id)
        account = _active_account(uow, token.subject_id)
        new_email = token.data["new_email"]
        _require_free(uow, account.tenant_id, new_email)  # someone may have taken it meanwhile
        account.change_email(new_email)
        credentials = uow.accounts.get(account.id)
        assert credentials is not None
        credentials.email = new_email
        uow.accounts.save(credentials)
        uow.commit()
    return AccountRef(account.id, account.tenant_id, new_email)


def request_password_reset(command: RequestPasswordReset, uow: IdentityUnitOfWork, *, deps: Dependencies) -> None:
    """Answers the same whether or not the address has an account (no enumeration)."""
    with uow:
        credentials = uow.accounts.by_email(command.tenant_id, normalise_email(command.email))
        if credentials is None or credentials.password_hash is None:
            return
        if uow.tokens.count_live(TokenPurpose.PASSWORD_RESET, credentials.account_id,
                                 deps.clock.now()) >= MAX_LIVE_RESET_LINKS:
            return  # anyone can ask for a reset: do not let them flood the owner's mailbox
        account = uow.get(Account, credentials.account_id)
        secret_ref, expires_at = issue_link(uow, deps, TokenPurpose.PASSWORD_RESET, account.tenant_id, account.id)
        account.request_password_reset(command.locale, secret_ref, expires_at)
        uow.commit()


def request_student_number_addition(command: RequestStudentNumberAddition, uow: IdentityUnitOfWork, *,
                                    deps: Dependencies) -> None:
    with uow:
        account = _active_account(uow, command.account_id)
        secret_ref, expires_at = issue_link(uow, deps, TokenPurpose.STUDENT_NUMBER_ADDITION, account.tenant_id,
                                            account.id)
        account.request_student_number_addition(command.locale, secret_ref, expires_at)
        uow.commit()


def verify_student_number_addition(command: VerifyStudentNumberAddition, uow: IdentityUnitOfWork, *,
                                   deps: Dependencies) -> AccountRef:
    with uow:
        token = redeem_token(uow, deps, TokenPurpose.STUDENT_NUMBER_ADDITION, command.token, command.tenant_id)
        account = _active_account(uow, token.subject_id)
        uow.commit()
    return AccountRef(account.id, account.tenant_id, account.email)


def _active_account(uow: IdentityUnitOfWork, account_id: str) -> Account:
    if uow.accounts.get(account_id) is None:
        raise NotFound.one("account_not_found", "account_id")
    account = uow.get(Account, account_id)
    account.require_active()
    return account


def _require_free(uow: IdentityUnitOfWork, tenant_id: str, email: str) -> None:
    if uow.accounts.by_email(tenant_id, email) is not None:
        raise Conflict.one("email_taken", "new_email")
