"""Reactions to identity's events (topics identity.registration and identity.account)."""

from __future__ import annotations

from datetime import datetime

from shomei_enrollment.service_layer.graduates import link_activated_account
from shomei_enrollment.service_layer.ports import Dependencies, EnrollmentUnitOfWork


def record_verified_registration(registration_id: str, tenant_id: str, email: str, locale: str,
                                 verified_at: datetime, uow: EnrollmentUnitOfWork) -> None:
    """From now on an application may be submitted for this registration (redelivery-safe)."""
    with uow:
        uow.applications.record_verified_registration(registration_id, tenant_id, email, locale, verified_at)
        uow.commit()


def account_activated(application_id: str, account_id: str, uow: EnrollmentUnitOfWork, deps: Dependencies) -> None:
    with uow:
        link_activated_account(application_id, account_id, uow, deps)
        uow.commit()


def email_changed(account_id: str, new_email: str, uow: EnrollmentUnitOfWork) -> None:
    """The graduate's contact e-mail follows the account's (mails about later applications)."""
    with uow:
        uow.graduates.update_email(account_id, new_email)
        uow.commit()
