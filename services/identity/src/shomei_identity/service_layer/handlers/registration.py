"""Rule 8: start a registration with an e-mail address; verify it through the one-time URL."""

from __future__ import annotations

import uuid

from shomei_identity.domain.emails import normalise_email
from shomei_identity.domain.registration import Registration
from shomei_identity.domain.tokens import TokenPurpose
from shomei_identity.service_layer.commands import StartRegistration, VerifyRegistration
from shomei_identity.service_layer.handlers.links import issue_link, redeem_token
from shomei_identity.service_layer.ports import Dependencies, IdentityUnitOfWork
from shomei_identity.service_layer.results import StartedRegistration, VerifiedRegistration


def start_registration(command: StartRegistration, uow: IdentityUnitOfWork, *,
                       deps: Dependencies) -> StartedRegistration:
    # Whether the address already has an account is not told here (no account enumeration);
    # activation refuses a duplicate per tenant.
    registration_id = str(uuid.uuid4())
    with uow:
        secret_ref, expires_at = issue_link(uow, deps, TokenPurpose.REGISTRATION, command.tenant_id,
                                            registration_id)
        uow.add(Registration.start(registration_id, command.tenant_id, normalise_email(command.email),
                                   command.locale, secret_ref, expires_at))
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
