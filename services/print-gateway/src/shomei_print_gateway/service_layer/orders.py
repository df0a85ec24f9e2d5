"""What print-gateway does with ordering's events: keep each order it will print, and on payment
queue it for submission, unless it was paid after its print window (rule 26: the window is the
order's, counted from the order; nothing is printed and payment's refund path takes over)."""

from __future__ import annotations

from shomei_print_gateway.domain import heard
from shomei_print_gateway.domain.print_order import PrintOrder
from shomei_print_gateway.service_layer.ports import Dependencies, PrintGatewayUnitOfWork
from shomei_shared.uow import AggregateNotFound


def keep_order(event: heard.OrderPlaced, uow: PrintGatewayUnitOfWork) -> None:
    with uow:
        uow.print_orders.add({
            "order_id": event.aggregate_id, "tenant_id": event.tenant_id, "account_id": event.account_id,
            "student_number": event.student_number, "print_channel": event.print_channel,
            "lines": [dict(line) for line in event.lines], "deadline": event.deadline, "ends_at": event.ends_at,
            "state": "placed", "attempts": 0, "page_charge": event.print_charge_per_page})
        uow.commit()


def order_paid(event: heard.OrderPaid, uow: PrintGatewayUnitOfWork, deps: Dependencies) -> None:
    with uow:
        order = uow.print_orders.get(event.aggregate_id)
        if order is None or order["state"] != "placed":
            return  # paid twice, or an order we never heard placed (nothing to print from)
        if event.paid_at > order["deadline"] or deps.clock.now() >= order["ends_at"]:
            print_order = print_order_of(uow, event.aggregate_id, event.tenant_id)
            print_order.missed(event.payment_id, event.paid_at, order["deadline"])
            uow.print_orders.update(event.aggregate_id, paid_at=event.paid_at, state="missed")
        else:
            uow.print_orders.update(event.aggregate_id, paid_at=event.paid_at, state="due",
                                    next_attempt_at=deps.clock.now())
        uow.commit()


def print_order_of(uow: PrintGatewayUnitOfWork, order_id: str, tenant_id: str) -> PrintOrder:
    try:
        return uow.get(PrintOrder, order_id)
    except AggregateNotFound:
        print_order = PrintOrder(order_id, tenant_id)
        uow.add(print_order)
        return print_order


def payment_reversed(event: heard.OrderPaymentReversed, uow: PrintGatewayUnitOfWork, deps: Dependencies) -> None:
    """The money that paid the order was taken back (ADR 0034). Not yet at the store (waiting or
    failed): it stops waiting and is queued again by the next OrderPaid. At the store: marked for
    the jobs process to withdraw its unprinted numbers at the provider (no provider call in the
    consumer, ADR 0032)."""
    with uow:
        order = uow.print_orders.lock(event.aggregate_id)  # the jobs round's commit of `issued` waits, or went first
        if order is None or order["tenant_id"] != event.tenant_id:
            return
        if order["state"] in ("due", "failed"):
            print_order_of(uow, event.aggregate_id, event.tenant_id).stop_waiting(event.payment_id, deps.clock.now())
            uow.print_orders.update(event.aggregate_id, state="placed", paid_at=None, next_attempt_at=None,
                                    attempts=0, first_attempt_at=None, failure_reason=None)
        elif order["state"] == "issued":
            uow.print_orders.update(event.aggregate_id, state="withdrawing", next_attempt_at=deps.clock.now())
        uow.commit()
