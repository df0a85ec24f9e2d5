"""The internal API, one module per area, each with `install(blueprint)`."""

from __future__ import annotations

from shomei_enrollment.service_layer.ports import EnrollmentUnitOfWork
from shomei_shared.service import Service
from shomei_shared.web.app import current_service


def enrollment() -> Service[EnrollmentUnitOfWork]:
    """The app's service, typed with enrollment's unit of work for the views' reads."""
    return current_service()
