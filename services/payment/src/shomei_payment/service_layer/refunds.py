"""Refunds of PayPal captures by staff (the console): the request is recorded first (checked: the
amount left, the print deadline), then PayPal is asked with a request id of its own, then the
refund it made is recorded. A second click of the same form finds its request and asks PayPal the
same question, which PayPal answers with the same refund."""

from __future__ import annotations

from typing import Any

from shomei_payment.service_layer.commands import RefundPayment
from shomei_payment.service_layer.payments import record_payment
from shomei_payment.service_layer.ports import Dependencies, PaymentUnitOfWork, PayPal
from shomei_shared.errors import NotFound


def refund_payment(command: RefundPayment, uow: PaymentUnitOfWork, deps: Dependencies,
                   paypal: PayPal) -> dict[str, Any]:
    with uow:
        row = uow.payments.get(command.payment_id)
    if row is None or row["tenant_id"] != command.tenant_id:
        raise NotFound.one("payment_not_found", "payment_id")
    order_id = row["order_id"]
    payment = record_payment(uow, deps, command.tenant_id, order_id, None, lambda p: p.request_refund(
        command.request_key, command.amount, command.staff_id, command.reason, command.override_reason,
        deps.clock.now()))
    requested = payment.refunds[command.request_key]
    refund_id = payment.refund_ids.get(command.request_key)
    if refund_id is None:
        refund_id = paypal.refund(payment.capture_id, requested.amount, payment.refund_request_id(command.request_key),
                                  order_id)
        payment = record_payment(uow, deps, command.tenant_id, order_id, None,
                          lambda p: p.refund_issued(command.request_key, refund_id, deps.clock.now()))
    return {"refund_id": refund_id, "amount": requested.amount, "status": payment.status,
            "refunded": payment.refunded_amount}
