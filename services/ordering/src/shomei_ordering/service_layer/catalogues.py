"""The catalogue: changing it, and reading it and its history."""

from __future__ import annotations

from typing import Any

from shomei_ordering.domain.catalogue import Catalogue
from shomei_ordering.domain.tenant_catalogue import TenantCatalogue, catalogue_id
from shomei_ordering.service_layer.commands import ChangeCatalogue
from shomei_ordering.service_layer.ports import OrderingUnitOfWork
from shomei_shared.uow import AggregateNotFound


def change_catalogue(command: ChangeCatalogue, uow: OrderingUnitOfWork) -> bool:
    with uow:
        tenant_catalogue = load_catalogue(uow, command.tenant_id)
        changed = tenant_catalogue.change(command.catalogue, command.staff_id)
        uow.add(tenant_catalogue)
        uow.commit()
    return changed


def load_catalogue(uow: OrderingUnitOfWork, tenant_id: str) -> TenantCatalogue:
    """The tenant's catalogue inside an open unit of work; an empty one if it has none yet."""
    try:
        return uow.get(TenantCatalogue, catalogue_id(tenant_id))
    except AggregateNotFound:
        return TenantCatalogue.new(tenant_id)


def current_catalogue(tenant_id: str, uow: OrderingUnitOfWork) -> Catalogue:
    with uow:
        return load_catalogue(uow, tenant_id).catalogue


def catalogue_history(tenant_id: str, uow: OrderingUnitOfWork) -> list[dict[str, Any]]:
    """Every version of the catalogue, newest first, with who changed it and when."""
    with uow:
        stored = uow.events.load(catalogue_id(tenant_id))
    return [{"version": e.aggregate_version, "changed_at": e.occurred_at.isoformat(),
             "staff_id": e.payload["staff_id"], "catalogue": e.payload["catalogue"],
             "correlation_id": e.correlation_id} for e in reversed(stored)]
