"""Every handler of payment, declared once: one per command, and the reactions to the events
payment hears (domain/heard.py). The bootstrap binds them to their dependencies by parameter name."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from shomei_payment.domain import heard
from shomei_payment.service_layer import commands, payments, refunds
from shomei_shared.messages import Command, Event

COMMAND_HANDLERS: Mapping[type[Command], Callable[..., Any]] = {
    commands.StartPayPalPayment: payments.start_paypal_payment,
    commands.CapturePayPalPayment: payments.capture_paypal_payment,
    commands.ApplyPayPalWebhook: payments.apply_paypal_webhook,
    commands.RefundPayment: refunds.refund_payment,
    commands.ReconcilePayPal: payments.reconcile_paypal,
    commands.RegisterSmartPitBill: payments.register_smartpit_bill,
    commands.ApplySmartPitNotice: payments.apply_smartpit_notice,
}

EVENT_HANDLERS: Mapping[type[Event], Sequence[Callable[..., Any]]] = {
    heard.OrderPlaced: [payments.open_payment],
    heard.OrderPaymentMethodChanged: [payments.payment_method_changed],
}
