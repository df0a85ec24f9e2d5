"""Rule 11: an approved registration becomes an account with a single-use initial password."""

from __future__ import annotations

import logging
import uuid

from shomei_identity.domain.account import Account
from shomei_identity.domain.credentials import (
    INITIAL_PASSWORD_LIFETIME,
    AccountCredentials,
    new_initial_password,
)
from shomei_identity.domain.emails import normalise_email
from shomei_identity.domain.errors import Conflict
from shomei_identity.domain.heard import ApplicationApproved
from shomei_identity.domain.registration import EMAIL_HAS_ACCOUNT
from shomei_identity.service_layer.commands import ActivateAccount
from shomei_identity.service_layer.ports import Dependencies, IdentityUnitOfWork
from shomei_shared.web.tenancy import tenant_url

log = logging.getLogger(__name__)


def activate_account(command: ActivateAccount, uow: IdentityUnitOfWork, *, deps: Dependencies) -> str:
    """The account id; the same one again for an application already activated (idempotent)."""
    now = deps.clock.now()
    email = normalise_email(command.email)
    with uow:
        existing = uow.accounts.by_application(command.tenant_id, command.application_id)
        if existing is not None:
            return existing.account_id
        if uow.accounts.by_email(command.tenant_id, email) is not None:
            # Left to the dead-letter topic: staff must decide which application is right.
            raise Conflict.one("email_has_account", "email")
        initial_password = new_initial_password()
        expires_at = now + INITIAL_PASSWORD_LIFETIME
        uow.secrets.purge_expired(now)
        secret_ref = uow.secrets.put(command.tenant_id, "initial_password", initial_password, expires_at)
        account_id = str(uuid.uuid4())
        uow.accounts.add(AccountCredentials(account_id, command.tenant_id, email, command.application_id,
                                            deps.hasher.hash(initial_password), expires_at))
        login_url = tenant_url(deps.public_base_url, command.tenant_id, "/login")
        uow.add(Account.activate(account_id, command.tenant_id, email=email, locale=command.locale,
                                 application_id=command.application_id, secret_ref=secret_ref,
                                 expires_at=expires_at, login_url=login_url))
        uow.commit()
    return account_id


def on_application_approved(event: ApplicationApproved, uow: IdentityUnitOfWork, *, deps: Dependencies) -> None:
    """An approved registration becomes an account; an approved further student number does
    not concern identity (the account exists already). An approval for an address that has an
    account already is refused as an event, never left to the dead letters in silence
    (docs/adr/0018): enrollment shows it to staff, the applicant gets a mail."""
    if event.kind != "registration":
        return
    email = normalise_email(event.email)
    with uow:
        holder = uow.accounts.by_email(event.tenant_id, email)
        if holder is not None and holder.application_id != event.aggregate_id:
            uow.get(Account, holder.account_id).refuse_activation(
                application_id=event.aggregate_id, email=email, locale=event.locale, reason=EMAIL_HAS_ACCOUNT)
            uow.commit()
            log.info("application %s approved for an address with account %s: activation refused",
                     event.aggregate_id, holder.account_id)
            return
    account_id = activate_account(ActivateAccount(event.tenant_id, event.aggregate_id, event.email, event.locale),
                                  uow, deps=deps)
    log.info("account %s active for application %s", account_id, event.aggregate_id)
