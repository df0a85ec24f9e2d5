"""Every handler of ordering, declared once: one per command, and the reactions to the events
ordering hears (domain/heard.py: the payment service's `PaymentCaptured` leads to `MarkOrderPaid`,
its `PaymentReversed` makes the order unpaid again).
The bootstrap binds them to their dependencies by parameter name."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from shomei_ordering.domain import heard
from shomei_ordering.service_layer import catalogues, commands, orders, payment_methods, reversals
from shomei_shared.messages import Command, Event

COMMAND_HANDLERS: Mapping[type[Command], Callable[..., Any]] = {
    commands.ChangeCatalogue: catalogues.change_catalogue,
    commands.QuoteOrder: orders.quote_order,
    commands.PlaceOrder: orders.place_order,
    commands.CancelOrder: orders.cancel_order,
    commands.ExpireDueOrders: orders.expire_due_orders,
    commands.MarkOrderPaid: orders.mark_order_paid,
    commands.RecordTransferRefund: reversals.record_transfer_refund,
    commands.ChangePaymentMethod: payment_methods.change_payment_method,
}

EVENT_HANDLERS: Mapping[type[Event], Sequence[Callable[..., Any]]] = {
    heard.PaymentCaptured: [orders.payment_captured],
    heard.PaymentReversed: [reversals.payment_reversed],
    heard.PaymentNotCounted: [payment_methods.payment_not_counted],
}
