"""Placing, cancelling, expiring and paying orders."""

from __future__ import annotations

import logging
import uuid
from datetime import datetime

from shomei_ordering.domain import heard
from shomei_ordering.domain.order import Order
from shomei_ordering.domain.quote import Quote, quote
from shomei_ordering.service_layer.catalogues import load_catalogue
from shomei_ordering.service_layer.commands import (
    CancelOrder,
    ExpireDueOrders,
    MarkOrderPaid,
    PlaceOrder,
    QuoteOrder,
)
from shomei_ordering.service_layer.ports import Dependencies, OrderingUnitOfWork
from shomei_shared.errors import NotFound
from shomei_shared.eventstore.errors import ConcurrencyError
from shomei_shared.uow import AggregateNotFound

log = logging.getLogger(__name__)

# The order id is derived from who placed it and the confirmation page's key, so the same key can
# only ever name one order: a second placing finds the first one's row (or waits for it).
_ORDER_IDS = uuid.UUID("5f0e6c1e-3d0b-4b7e-9a51-8e5f1b0c2d47")


def order_id_for(tenant_id: str, account_id: str, idempotency_key: str) -> str:
    return str(uuid.uuid5(_ORDER_IDS, f"{tenant_id}\x00{account_id}\x00{idempotency_key}"))


def quote_order(command: QuoteOrder, uow: OrderingUnitOfWork, deps: Dependencies) -> Quote:
    with uow:
        catalogue = load_catalogue(uow, command.tenant_id).catalogue
    return quote(command.eligibility, command.print_channel, command.payment_method, command.lines, catalogue,
                 deps.clock.now())


def place_order(command: PlaceOrder, uow: OrderingUnitOfWork, deps: Dependencies) -> str:
    order_id = order_id_for(command.tenant_id, command.account_id, command.idempotency_key)
    with uow:
        if uow.orders.get(order_id) is not None:
            return order_id
        catalogue = load_catalogue(uow, command.tenant_id).catalogue
        order = Order.place(order_id, command.tenant_id, command.account_id, command.eligibility,
                            command.print_channel, command.payment_method, command.lines, catalogue, deps.clock.now(),
                            command.confirmed_deadline)
        placed = order.placed
        assert placed is not None
        # A concurrent placing with the same key inserts the same primary key: this insert waits
        # for it and then finds the row there, and this attempt leaves without an event.
        if not uow.orders.add({
            "id": order_id, "tenant_id": command.tenant_id, "account_id": command.account_id,
            "idempotency_key": command.idempotency_key, "student_number": command.eligibility.student_number,
            "print_channel": command.print_channel, "payment_method": command.payment_method,
            "lines": placed.lines, "total": order.total, "status": order.status,
            "placed_at": placed.placed_at, "deadline": placed.deadline,
            "ends_at": placed.ends_at, "status_at": placed.placed_at}):
            return order_id
        uow.add(order)
        uow.commit()
    return order_id


def cancel_order(command: CancelOrder, uow: OrderingUnitOfWork, deps: Dependencies) -> None:
    now = deps.clock.now()
    with uow:
        order = order_of(uow, command.tenant_id, command.order_id, command.account_id)
        order.cancel(now, by="staff" if command.account_id is None else "graduate")
        if order.pending:
            uow.orders.set_status(order.id, order.status, now)
            uow.add(order)
            uow.commit()


def expire_due_orders(command: ExpireDueOrders, uow: OrderingUnitOfWork, deps: Dependencies) -> int:
    """Each due order in a transaction of its own, so one failing does not hold back the others.
    Run twice, or by two processes at once, an order still expires once: the aggregate refuses a
    second expiry, and a concurrent writer (another deadline process, a payment) wins on the event
    store's version; this round then leaves that order, and the next one sees what it became."""
    now = deps.clock.now()
    with uow:
        due = list(uow.orders.due(now, command.limit))
    expired = 0
    for order_id in due:
        try:
            with uow:
                order = uow.get(Order, order_id)
                if order.expire_if_due(now):
                    uow.orders.set_status(order_id, order.status, now)
                    uow.commit()
                    expired += 1
        except ConcurrencyError:
            log.info("order %s changed while expiring it; left to the next round", order_id)
        except Exception:
            log.exception("order %s could not be expired; tried again next round", order_id)
    return expired


def mark_order_paid(command: MarkOrderPaid, uow: OrderingUnitOfWork) -> str:
    """`paid`, `duplicate` (told before), or why the money was not applied (recorded for staff)."""
    with uow:
        order = order_of(uow, command.tenant_id, command.order_id, None)
        status_before = order.status
        outcome = order.pay(command.payment_id, command.amount, command.paid_at)
        if order.pending:
            if order.status != status_before:
                uow.orders.set_status(order.id, order.status, command.paid_at)
            if command.payment_id in order.unapplied:
                record_unapplied(uow, order, command.payment_id, outcome, command.paid_at)
            uow.add(order)
            uow.commit()
    return outcome


def payment_captured(event: heard.PaymentCaptured, uow: OrderingUnitOfWork) -> None:
    """The payment service captured money for an order: pay it (or record why it cannot take it)."""
    mark_order_paid(MarkOrderPaid(tenant_id=event.tenant_id, order_id=event.order_id, payment_id=event.aggregate_id,
                                  amount=event.amount, paid_at=event.captured_at), uow)


def record_unapplied(uow: OrderingUnitOfWork, order: Order, payment_id: str, reason: str, paid_at: datetime) -> None:
    """The console's list of money to refund (「入金済み・未充当（要返金）」), kept with the event."""
    placed = order.placed
    assert placed is not None
    uow.orders.record_unapplied({
        "payment_id": payment_id, "tenant_id": order.tenant_id, "order_id": order.id, "account_id": order.account_id,
        "student_number": placed.student_number, "amount": order.unapplied[payment_id], "reason": reason,
        "paid_at": paid_at, "status": "open", "status_at": paid_at, "staff_id": "", "note": ""})


def order_of(uow: OrderingUnitOfWork, tenant_id: str, order_id: str, account_id: str | None) -> Order:
    """The order of this tenant (and of this graduate, when one asks); any other is as missing
    as none, so nothing tells whether another's exists."""
    try:
        order = uow.get(Order, order_id)
    except AggregateNotFound:
        raise NotFound.one("order_not_found", "order_id") from None
    if order.tenant_id != tenant_id or (account_id is not None and order.account_id != account_id):
        raise NotFound.one("order_not_found", "order_id")
    return order
