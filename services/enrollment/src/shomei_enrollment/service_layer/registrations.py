"""Reactions to identity's events (topics identity.registration and identity.account)."""

from __future__ import annotations

from shomei_enrollment.domain.application import Application
from shomei_enrollment.domain.heard import (
    AccountActivated,
    AccountActivationRefused,
    EmailChanged,
    RegistrationEmailVerified,
)
from shomei_enrollment.service_layer.graduates import link_activated_account
from shomei_enrollment.service_layer.ports import Dependencies, EnrollmentUnitOfWork


def record_verified_registration(event: RegistrationEmailVerified, uow: EnrollmentUnitOfWork) -> None:
    """From now on an application may be submitted for this registration (redelivery-safe)."""
    with uow:
        uow.applications.record_verified_registration(event.aggregate_id, event.tenant_id, event.email,
                                                      event.locale, event.occurred_at)
        uow.commit()


def account_activated(event: AccountActivated, uow: EnrollmentUnitOfWork, deps: Dependencies) -> None:
    with uow:
        link_activated_account(event.application_id, event.aggregate_id, uow, deps)
        uow.commit()


def account_activation_refused(event: AccountActivationRefused, uow: EnrollmentUnitOfWork) -> None:
    """The approval did not take effect: the application says so to staff (docs/adr/0018)."""
    with uow:
        application = uow.get(Application, event.application_id)
        if application.approval_failed(event.reason):
            # The reason stays in the event (the history the console shows); the status is
            # what the queue and the application's page read.
            uow.applications.update(application.id, status=application.status.value)
            uow.commit()


def email_changed(event: EmailChanged, uow: EnrollmentUnitOfWork) -> None:
    """The graduate's contact e-mail follows the account's (mails about later applications)."""
    with uow:
        uow.graduates.update_email(event.aggregate_id, event.new_email)
        uow.commit()
