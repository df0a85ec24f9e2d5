"""Changing how an unpaid order is paid, and money the payment service could not count for it
(ADR 0034): the payment follows the change when it hears OrderPaymentMethodChanged; a capture of
the PayPal order left behind arrives as PaymentNotCounted and waits for staff to refund it."""

from __future__ import annotations

from shomei_ordering.domain import heard
from shomei_ordering.service_layer.catalogues import load_catalogue
from shomei_ordering.service_layer.commands import ChangePaymentMethod
from shomei_ordering.service_layer.orders import order_of, record_unapplied
from shomei_ordering.service_layer.ports import Dependencies, OrderingUnitOfWork

# Payment's reasons, in ordering's words for money not applied.
_REASONS = {"abandoned_paypal_order": "method_changed", "already_captured": "already_paid"}


def change_payment_method(command: ChangePaymentMethod, uow: OrderingUnitOfWork, deps: Dependencies) -> str:
    with uow:
        order = order_of(uow, command.tenant_id, command.order_id, command.account_id)
        offered = load_catalogue(uow, command.tenant_id).catalogue.payment_methods
        order.change_payment_method(command.payment_method, offered, deps.clock.now())
        if order.pending:
            uow.orders.set_payment_method(order.id, order.payment_method)
            uow.add(order)
            uow.commit()
    return order.payment_method


def payment_not_counted(event: heard.PaymentNotCounted, uow: OrderingUnitOfWork) -> None:
    # One id per capture: the payment's own id is the order's normal money, already told apart.
    money_id = f"{event.aggregate_id}.{event.capture_id}"
    reason = _REASONS.get(event.reason, "already_paid")
    with uow:
        order = order_of(uow, event.tenant_id, event.order_id, None)
        if order.money_not_counted(money_id, event.amount, reason, event.received_at):
            record_unapplied(uow, order, money_id, reason, event.received_at)
            uow.add(order)
            uow.commit()
