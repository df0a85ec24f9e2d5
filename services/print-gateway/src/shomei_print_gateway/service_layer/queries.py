"""What the graduate's order page shows of printing: the numbers with their copies, the chain, the
deadline, each copy's printed state and the steps at the machine."""

from __future__ import annotations

from typing import Any

from shomei_print_gateway.domain.machine_steps import STEPS, STORES
from shomei_print_gateway.domain.print_order import PrintOrder
from shomei_print_gateway.service_layer.ports import PrintGatewayUnitOfWork, Row
from shomei_print_gateway.service_layer.submitting import CHANNEL_PROVIDER
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
        "number": reservation["number"], "pages": reservation.get("pages"),
        "copies": [{"certificate_id": cid, "title": titles[cid]["title"] if cid in titles else "",
                    "copy_number": titles[cid]["copy_number"] if cid in titles else 0,
                    "printed": cid in print_order.printed} for cid in reservation["certificate_ids"]],
    } for reservation in print_order.reservations]
    status = print_order.status if print_order.status != "open" else ("waiting" if order["state"] == "due"
                                                                       else "not_paid")
    return {"order_id": order_id, "status": status, "print_channel": channel,
            "stores": dict(zip(("ja", "en"), STORES[channel], strict=True)),
            "deadline": order["deadline"].isoformat(), "reservations": reservations,
            "print_estimate": print_order.print_estimate,
            "steps": [{"ja": ja, "en": en} for ja, en in STEPS[channel]]}


# The console's filters (issue 10): each the table states it lists. `failed` also lists the orders
# with an alert (a payment taken back after a copy was printed); no filter: what needs staff.
STAFF_FILTERS: dict[str, tuple[str, ...]] = {
    "failed": ("failed",), "waiting": ("due",), "issued": ("issued", "withdrawing", "withdrawn"),
    "expired": ("expired",)}
NEEDING_STAFF = ("due", "failed")


def _listed(row: Row) -> dict[str, Any]:
    return {"order_id": row["order_id"], "state": row["state"], "print_channel": row["print_channel"],
            "provider": CHANNEL_PROVIDER[row["print_channel"]], "attempts": row["attempts"],
            "deadline": row["deadline"].isoformat(),
            "next_attempt_at": row["next_attempt_at"].isoformat() if row["next_attempt_at"] else None,
            "failure_reason": row["failure_reason"], "alert": row["alert"]}


def orders_needing_staff(tenant_id: str, uow: PrintGatewayUnitOfWork, state: str | None = None,
                         limit: int = 200) -> list[dict[str, Any]]:
    """The tenant's paid orders by the console's filter (`STAFF_FILTERS`); without one, those not
    yet at the store and those with an alert."""
    with uow:
        rows = uow.print_orders.in_state(tenant_id, STAFF_FILTERS[state] if state else NEEDING_STAFF, limit,
                                         alerted=state in (None, "failed"))
    return [_listed(row) for row in rows]


def staff_alerts(tenant_id: str, uow: PrintGatewayUnitOfWork) -> int:
    with uow:
        return uow.print_orders.alerts(tenant_id)


def staff_print_order(tenant_id: str, order_id: str, uow: PrintGatewayUnitOfWork) -> dict[str, Any]:
    """For staff: where the order stands, its numbers at the provider with each copy's title, pages
    and printed state, the failure reason or alert, and its history (the events, with who retried)."""
    with uow:
        order = uow.print_orders.get(order_id)
        if order is None or order["tenant_id"] != tenant_id:
            raise NotFound.one("print_order_not_found", "order_id")
        try:
            print_order = uow.get(PrintOrder, order_id)
        except AggregateNotFound:
            print_order = PrintOrder(order_id, tenant_id)
        copies = {row["certificate_id"]: row for row in uow.certificates.of_order(order_id)}
        submissions = uow.submissions.of_order(order_id)
        stored = uow.events.load(order_id)

    def copy(certificate_id: str) -> dict[str, Any]:
        row = copies.get(certificate_id)
        return {"certificate_id": certificate_id, "title": row["title"] if row else "",
                "copy_number": row["copy_number"] if row else 0, "pages": row["pages"] if row else 0,
                "printed": certificate_id in print_order.printed}

    reservations = [{"number": row["number"], "provider": row["provider"], "state": row["state"],
                     "copies": [copy(cid) for cid in row["certificate_ids"]]}
                    for row in submissions if row["number"]]
    history = [{"event": e.type, "at": e.occurred_at.isoformat(), "correlation_id": e.correlation_id,
                **{key: e.payload[key] for key in ("staff_id", "reason", "numbers") if key in e.payload}}
               for e in stored]
    return {**_listed(order), "paid_at": order["paid_at"].isoformat() if order["paid_at"] else None,
            "copies_printed": len(print_order.printed), "copies": len(copies), "reservations": reservations,
            "history": history}
