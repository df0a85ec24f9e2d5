"""Every handler of print-gateway, declared once: one per command, and the reactions to the events
print-gateway hears (domain/heard.py). The bootstrap binds them to their dependencies by parameter name."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from shomei_print_gateway.domain import heard
from shomei_print_gateway.service_layer import (
    commands,
    orders,
    previews,
    printing,
    submitting,
    verification,
    verification_commands,
)
from shomei_shared.messages import Command, Event

COMMAND_HANDLERS: Mapping[type[Command], Callable[..., Any]] = {
    commands.SubmitDueOrders: submitting.submit_due_orders,
    commands.ExpireEndedOrders: printing.expire_ended_orders,
    commands.WithdrawReversedOrders: printing.withdraw_reversed_orders,
    commands.RenderMissingPreviews: previews.render_missing_previews,
    commands.RecordPrinted: printing.record_printed,
    commands.RetryPrintOrder: printing.retry_print_order,
    verification_commands.VerifyCertificate: verification.verify_certificate,
    verification_commands.RevokeCertificate: verification.revoke_certificate,
}

EVENT_HANDLERS: Mapping[type[Event], Sequence[Callable[..., Any]]] = {
    heard.OrderPlaced: [orders.keep_order],
    heard.OrderPaid: [orders.order_paid],
    heard.OrderPaymentReversed: [orders.payment_reversed],
}
