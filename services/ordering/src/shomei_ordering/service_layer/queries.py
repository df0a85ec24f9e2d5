"""Reads of orders for the graduate and for staff (views, outside the bus)."""

from __future__ import annotations

from typing import Any

from shomei_ordering.service_layer.ports import OrderingUnitOfWork, OrderSearch, Row
from shomei_shared.errors import NotFound

# What staff see of each event of an order; payments carry no secret, only our ids and amounts.
_HISTORY_FIELDS = ("payment_id", "amount", "reason", "by", "payment_method", "previous")


def orders_of(tenant_id: str, account_id: str, uow: OrderingUnitOfWork) -> list[dict[str, Any]]:
    with uow:
        return [_summary(row) for row in uow.orders.of_account(tenant_id, account_id)]


def search_orders(tenant_id: str, search: OrderSearch, uow: OrderingUnitOfWork) -> list[dict[str, Any]]:
    with uow:
        return [_summary(row) for row in uow.orders.search(tenant_id, search)]


def order_detail(tenant_id: str, order_id: str, uow: OrderingUnitOfWork,
                 account_id: str | None = None) -> dict[str, Any]:
    """One order with its history from its events (what, when, through which correlation);
    another tenant's or another graduate's order is as missing as none."""
    with uow:
        row = uow.orders.get(order_id)
        if row is None or row["tenant_id"] != tenant_id or (account_id is not None and row["account_id"] != account_id):
            raise NotFound.one("order_not_found", "order_id")
        stored = uow.events.load(order_id)
    history = [{"event": e.type, "at": e.occurred_at.isoformat(), "correlation_id": e.correlation_id,
                **{k: e.payload[k] for k in _HISTORY_FIELDS if k in e.payload}} for e in stored]
    # The amounts as they were when ordered (ADR 0028), for the graduate's order page.
    placed = next((e.payload for e in stored if e.type == "OrderPlaced"), {})
    return {**_summary(row), "lines": row["lines"], "idempotency_key": row["idempotency_key"], "history": history,
            "usage_fee": placed.get("usage_fee"), "print_estimate": placed.get("print_estimate")}


def _summary(row: Row) -> dict[str, Any]:
    return {"id": row["id"], "account_id": row["account_id"], "student_number": row["student_number"],
            "print_channel": row["print_channel"], "payment_method": row["payment_method"], "total": row["total"],
            "status": row["status"], "placed_at": row["placed_at"].isoformat(), "deadline": row["deadline"].isoformat(),
            "status_at": row["status_at"].isoformat(),
            # Set once the money that paid the order was taken back: the console alerts staff.
            "payment_reversed_at": row["payment_reversed_at"].isoformat() if row.get("payment_reversed_at") else None,
            "copies": sum(int(line["copies"]) for line in row["lines"])}
