"""Rule 8: start a registration with an e-mail address; verify it through the one-time URL."""

from __future__ import annotations

import uuid

from shomei_identity.domain.emails import normalise_email
from shomei_identity.domain.registration import Registration
from shomei_identity.domain.tokens import LIFETIMES, TokenPurpose
from shomei_identity.service_layer.commands import StartRegistration, VerifyRegistration
from shomei_identity.service_layer.handlers.links import issue_link, redeem_token
from shomei_identity.service_layer.ports import Dependencies, IdentityUnitOfWork
from shomei_identity.service_layer.results import StartedRegistration, VerifiedRegistration


def start_registration(command: StartRegistration, uow: IdentityUnitOfWork, *,
                       deps: Dependencies) -> StartedRegistration:
    # An address with an account here gets a mail saying how to log in or reset, instead of a
    # registration link (docs/adr/0018). The answer is the same either way, so the caller (and
    # the browser) cannot tell whether the address is registered.
    registration_id = str(uuid.uuid4())
    email = normalise_email(command.email)
    with uow:
        if uow.accounts.by_email(command.tenant_id, email) is not None:
            uow.add(Registration.refuse(registration_id, command.tenant_id, email, command.locale))
            uow.commit()
            return StartedRegistration(registration_id, deps.clock.now() + LIFETIMES[TokenPurpose.REGISTRATION])
        secret_ref, expires_at = issue_link(uow, deps, TokenPurpose.REGISTRATION, command.tenant_id,
                                            registration_id)
        uow.add(Registration.start(registration_id, command.tenant_id, email, command.locale, secret_ref,
                                   expires_at))
        uow.commit()
    return StartedRegistration(registration_id, expires_at)


def verify_registration(command: VerifyRegistration, uow: IdentityUnitOfWork, *,
                        deps: Dependencies) -> VerifiedRegistration:
    with uow:
        token = redeem_token(uow, deps, TokenPurpose.REGISTRATION, command.token, command.tenant_id)
        registration = uow.get(Registration, token.subject_id)
        registration.verify(deps.clock.now())
        uow.commit()
    return VerifiedRegistration(registration.id, registration.tenant_id, registration.email, registration.locale)
