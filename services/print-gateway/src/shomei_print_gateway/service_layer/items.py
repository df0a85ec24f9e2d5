"""The example's handler and read: replace them with print-gateway's own."""

from __future__ import annotations

from shomei_print_gateway.domain.item import Item
from shomei_print_gateway.service_layer.commands import CreateItem
from shomei_print_gateway.service_layer.ports import Dependencies, PrintGatewayUnitOfWork, Row
from shomei_shared.errors import NotFound


def create_item(command: CreateItem, uow: PrintGatewayUnitOfWork, deps: Dependencies) -> str:
    item = Item.create(deps.new_id(), command.tenant_id, command.title)
    with uow:
        uow.items.add(item.id, item.tenant_id, item.title, deps.clock.now())
        uow.add(item)
        uow.commit()  # the row and ItemCreated in one transaction
    return item.id


def item_of(item_id: str, tenant_id: str, uow: PrintGatewayUnitOfWork) -> Row:
    with uow:
        row = uow.items.get(item_id)
    if row is None or row["tenant_id"] != tenant_id:
        raise NotFound.one("item_not_found", "item_id")  # another tenant's is as missing as none
    return row
