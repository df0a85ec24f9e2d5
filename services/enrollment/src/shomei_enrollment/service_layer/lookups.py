"""Finding the application a request names: missing, and not the caller's, get the same answer."""

from __future__ import annotations

from shomei_enrollment.domain.application import Application
from shomei_enrollment.service_layer.ports import EnrollmentUnitOfWork
from shomei_shared.errors import NotFound
from shomei_shared.uow import AggregateNotFound


def application_not_found() -> NotFound:
    return NotFound.one("application_not_found", "application_id")


def load_application(uow: EnrollmentUnitOfWork, application_id: str) -> Application:
    try:
        return uow.get(Application, application_id)
    except AggregateNotFound:
        # The edge would say only "not found" about "id"; callers are told it is the application.
        raise application_not_found() from None
