"""The internal API, one module per area, each with `install(blueprint)`."""

from __future__ import annotations

from shomei_ordering.service_layer.ports import OrderingUnitOfWork
from shomei_shared.service import Service
from shomei_shared.web.app import current_service


def ordering() -> Service[OrderingUnitOfWork]:
    """The app's service, typed with ordering's unit of work for the views' reads."""
    return current_service()
