"""Money taken back and money not applied (ADR 0028, "Reversals and money not applied"): a
reversed payment makes its order unpaid again and alerts staff; money an order could not take
waits in a list until staff record its refund by bank transfer."""

from __future__ import annotations

from typing import Any

from shomei_ordering.domain import heard
from shomei_ordering.service_layer.commands import RecordTransferRefund
from shomei_ordering.service_layer.orders import order_of
from shomei_ordering.service_layer.ports import Dependencies, OrderingUnitOfWork


def payment_reversed(event: heard.PaymentReversed, uow: OrderingUnitOfWork) -> None:
    """The payment service took back the money that paid an order (told once or more)."""
    with uow:
        order = order_of(uow, event.tenant_id, event.order_id, None)
        outcome = order.payment_reversed(event.aggregate_id, event.amount, event.reason, event.reversed_at)
        if outcome == "reversed":
            uow.orders.set_status(order.id, order.status, event.reversed_at)
            uow.orders.payment_reversed(order.id, event.reversed_at)
        elif outcome == "withdrawn":
            uow.orders.close_unapplied(event.aggregate_id, "reversed", event.reversed_at)
        if order.pending:
            uow.add(order)
            uow.commit()


def record_transfer_refund(command: RecordTransferRefund, uow: OrderingUnitOfWork, deps: Dependencies) -> None:
    now = deps.clock.now()
    with uow:
        order = order_of(uow, command.tenant_id, command.order_id, None)
        order.refunded_by_transfer(command.payment_id, command.staff_id, command.reason, now)
        if order.pending:
            uow.orders.close_unapplied(command.payment_id, "refunded", now, command.staff_id, command.reason.strip())
            uow.add(order)
            uow.commit()


def unapplied_of(tenant_id: str, uow: OrderingUnitOfWork) -> list[dict[str, Any]]:
    """The console's 「入金済み・未充当（要返金）」: what, for which order and graduate, since when."""
    with uow:
        rows = uow.orders.unapplied(tenant_id)
    return [{"payment_id": r["payment_id"], "order_id": r["order_id"], "account_id": r["account_id"],
             "student_number": r["student_number"], "amount": r["amount"], "reason": r["reason"],
             "paid_at": r["paid_at"].isoformat()} for r in rows]
