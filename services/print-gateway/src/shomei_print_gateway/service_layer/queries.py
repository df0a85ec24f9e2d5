"""What the graduate's order page shows of printing: the numbers with their copies, the chain, the
deadline, each copy's printed state and the steps at the machine."""

from __future__ import annotations

from typing import Any

from shomei_print_gateway.domain.machine_steps import STEPS, STORES
from shomei_print_gateway.domain.print_order import PrintOrder
from shomei_print_gateway.service_layer.ports import PrintGatewayUnitOfWork
from shomei_shared.errors import NotFound
from shomei_shared.uow import AggregateNotFound


def print_status(order_id: str, tenant_id: str, account_id: str, uow: PrintGatewayUnitOfWork) -> dict[str, Any]:
    with uow:
        order = uow.print_orders.get(order_id)
        if order is None or (order["tenant_id"], order["account_id"]) != (tenant_id, account_id):
            raise NotFound.one("print_order_not_found", "order_id")  # another's is as missing as none
        try:
            print_order = uow.get(PrintOrder, order_id)
        except AggregateNotFound:
            print_order = PrintOrder(order_id, tenant_id)
        titles = {row["certificate_id"]: row for row in uow.certificates.of_order(order_id)}
    channel = order["print_channel"]
    reservations = [{
        "number": reservation["number"],
        "copies": [{"certificate_id": cid, "title": titles[cid]["title"] if cid in titles else "",
                    "copy_number": titles[cid]["copy_number"] if cid in titles else 0,
                    "printed": cid in print_order.printed} for cid in reservation["certificate_ids"]],
    } for reservation in print_order.reservations]
    status = print_order.status if print_order.status != "open" else ("waiting" if order["state"] == "due"
                                                                       else "not_paid")
    return {"order_id": order_id, "status": status, "print_channel": channel,
            "stores": dict(zip(("ja", "en"), STORES[channel], strict=True)),
            "deadline": order["deadline"].isoformat(), "reservations": reservations,
            "steps": [{"ja": ja, "en": en} for ja, en in STEPS[channel]]}


STAFF_STATES = ("due", "failed")  # what staff watch: waiting for a provider, and failed (to retry)


def orders_needing_staff(tenant_id: str, uow: PrintGatewayUnitOfWork, limit: int = 200) -> list[dict[str, Any]]:
    """The tenant's paid orders not yet at the store: each with its tries and deadline."""
    with uow:
        rows = uow.print_orders.in_state(tenant_id, STAFF_STATES, limit)
    return [{"order_id": row["order_id"], "state": row["state"], "print_channel": row["print_channel"],
             "attempts": row["attempts"], "deadline": row["deadline"].isoformat(),
             "next_attempt_at": row["next_attempt_at"].isoformat() if row["next_attempt_at"] else None}
            for row in rows]
