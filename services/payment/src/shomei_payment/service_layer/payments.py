"""Payment's handlers: open a payment per order heard; start and capture PayPal payments for the
graduate; register Smart Pit bills; apply verified webhooks and notices; reconcile what was left
undone. Providers are called outside any transaction; the payment is read again afterwards, since
a webhook may have moved it meanwhile."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from shomei_payment.domain import heard
from shomei_payment.domain.payment import INSTRUMENT_DECLINED, Payment, payment_id_for
from shomei_payment.service_layer.commands import (
    ApplyPayPalWebhook,
    ApplySmartPitNotice,
    CapturePayPalPayment,
    ReconcilePayPal,
    RegisterSmartPitBill,
    StartPayPalPayment,
)
from shomei_payment.service_layer.ports import CaptureResult, Dependencies, PaymentUnitOfWork, PayPal, Row, SmartPit
from shomei_shared.errors import Conflict, NotFound
from shomei_shared.eventstore.errors import ConcurrencyError
from shomei_shared.uow import AggregateNotFound

log = logging.getLogger(__name__)
RECORD_ATTEMPTS = 5


class WebhookReplayed(Exception):
    """This very transmission was received before: a replay, refused (a retry of one we failed
    to answer is refused too, harmlessly: its effect is in the same transaction as its record)."""


def open_payment(event: heard.OrderPlaced, uow: PaymentUnitOfWork, deps: Dependencies) -> None:
    with uow:
        try:
            uow.get(Payment, payment_id_for(event.aggregate_id))
            return  # heard before
        except AggregateNotFound:
            pass
        payment = Payment.open(event.tenant_id, event.aggregate_id, event.account_id, event.payment_method,
                               event.total, event.deadline, event.ends_at)
        _save(uow, payment, deps.clock.now())
        uow.commit()


def payment_method_changed(event: heard.OrderPaymentMethodChanged, uow: PaymentUnitOfWork,
                           deps: Dependencies) -> None:
    """The graduate pays the order another way: the payment follows (a PayPal order left behind
    is never captured by us). Not heard of yet, the order's OrderPlaced comes first on its
    partition: this raises, and the consumer tries again."""
    with uow:
        payment = uow.get(Payment, payment_id_for(event.aggregate_id))
        payment.method_changed(event.payment_method)
        _save(uow, payment, deps.clock.now())
        uow.commit()


def start_paypal_payment(command: StartPayPalPayment, uow: PaymentUnitOfWork, deps: Dependencies,
                         paypal: PayPal) -> str:
    with uow:
        payment = _payment(uow, command.tenant_id, command.order_id, command.account_id)
    existing = payment.existing_approval(deps.clock.now())
    if existing:
        return existing
    paypal_order_id, approve_url = paypal.create_order(payment.next_request_id(), payment.order_id, payment.amount,
                                                       command.return_url, command.cancel_url)
    record_payment(uow, deps, command.tenant_id, command.order_id, command.account_id,
            lambda payment: payment.paypal_order_created(paypal_order_id, approve_url))
    return approve_url


def capture_paypal_payment(command: CapturePayPalPayment, uow: PaymentUnitOfWork, deps: Dependencies,
                           paypal: PayPal) -> str:
    """The payment's status after the capture; a second request captures nothing more (the same
    PayPal-Request-Id, and the state answers)."""
    with uow:
        payment = _payment(uow, command.tenant_id, command.order_id, command.account_id)
    if not payment.paypal_order_id:
        raise Conflict.one("payment_not_started", "order_id")
    if command.token and command.token != payment.paypal_order_id:
        raise Conflict.one("paypal_token_mismatch", "order_id")
    if not payment.may_capture():
        return payment.status
    result = paypal.capture(payment.paypal_order_id, payment.capture_request_id())
    if result.status == "ORDER_NOT_APPROVED":
        raise Conflict.one("payment_not_approved", "order_id")
    payment = record_payment(uow, deps, command.tenant_id, command.order_id, command.account_id,
                      _applying(result, payment.paypal_order_id, deps))
    return payment.status


def reconcile_paypal(command: ReconcilePayPal, uow: PaymentUnitOfWork, deps: Dependencies, paypal: PayPal) -> int:
    """How many stuck payments PayPal's answer moved. An approved order is captured as the return
    would have (the same capture request id, so a return racing this makes one capture)."""
    with uow:
        stuck = uow.payments.stuck(deps.clock.now() - command.older_than, command.limit)
    moved = 0
    for row in stuck:
        try:
            with uow:
                payment = _payment(uow, row["tenant_id"], row["order_id"], row["account_id"])
            result = paypal.capture_of(payment.paypal_order_id)
            if result is not None and result.status == "APPROVED" and payment.may_capture():
                result = paypal.capture(payment.paypal_order_id, payment.capture_request_id())
            if result is None or result.status in ("APPROVED", "ORDER_NOT_APPROVED"):
                continue
            status = payment.status
            after = record_payment(uow, deps, row["tenant_id"], row["order_id"], row["account_id"],
                            _applying(result, payment.paypal_order_id, deps))
            moved += after.status != status
        except Exception:  # one payment PayPal cannot answer about must not stop the round
            log.exception("payment %s could not be reconciled; tried again next round", row["id"])
    return moved


def _applying(result: CaptureResult, paypal_order_id: str, deps: Dependencies) -> Callable[[Payment], None]:
    """What PayPal's answer to a capture does to the payment."""

    def apply(payment: Payment) -> None:
        if result.status == "COMPLETED":
            payment.captured(result.capture_id, result.amount, deps.clock.now(), paypal_order_id, method="paypal")
        elif result.status == "PENDING":
            payment.capture_pending(result.capture_id, result.reason)
        elif result.status == INSTRUMENT_DECLINED:
            payment.declined(paypal_order_id, "", INSTRUMENT_DECLINED)
        elif result.status in ("DECLINED", "FAILED"):  # that order is done: a retry needs a new one
            payment.declined(paypal_order_id, result.capture_id, result.status)

    return apply


def apply_paypal_webhook(command: ApplyPayPalWebhook, uow: PaymentUnitOfWork, deps: Dependencies) -> str:
    """`applied`, `duplicate` (this event id was applied), `ignored` (not about a payment of ours)."""
    event = command.event
    event_type = str(event.get("event_type", ""))
    resource: dict[str, Any] = event.get("resource") or {}
    now = deps.clock.now()
    with uow:
        first = uow.payments.first_webhook(str(event.get("id", "")), command.transmission_id, event_type, now)
        if first == "replayed":
            raise WebhookReplayed(command.transmission_id)
        order_id = _invoice_id(resource)
        payment = None
        if first == "new" and order_id:
            try:
                payment = uow.get(Payment, payment_id_for(order_id))
            except AggregateNotFound:
                payment = None
        if payment is not None:
            _apply(payment, event_type, resource, now)
            _save(uow, payment, now)
        uow.commit()  # the ledger row with the effect, or alone: a duplicate is recorded as received
    if first == "duplicate":
        return "duplicate"
    return "applied" if payment is not None else "ignored"


def register_smartpit_bill(command: RegisterSmartPitBill, uow: PaymentUnitOfWork, deps: Dependencies,
                           smartpit: SmartPit) -> str:
    """The bill's Smart Pit number; asked again, the same one (Smart Pit keys bills by our order id)."""
    with uow:
        payment = _payment(uow, command.tenant_id, command.order_id, command.account_id)
    existing = payment.existing_bill(deps.clock.now())
    if existing:
        return existing
    assert payment.deadline is not None  # opened from an order, which always has one
    number = smartpit.register_bill(payment.order_id, payment.amount, payment.deadline)
    payment = record_payment(uow, deps, command.tenant_id, command.order_id, command.account_id,
                      lambda payment: payment.bill_registered(number))
    return payment.smartpit_number


def apply_smartpit_notice(command: ApplySmartPitNotice, uow: PaymentUnitOfWork, deps: Dependencies) -> str:
    """`applied`, `duplicate` (this notice id was applied) or `ignored` (no bill of ours by that number)."""
    notice = command.notice
    with uow:
        if not uow.payments.first_notice(str(notice["notice_id"]), str(notice["notice_type"]), deps.clock.now()):
            return "duplicate"
        try:
            payment: Payment | None = uow.get(Payment, payment_id_for(str(notice["bill_id"])))
        except AggregateNotFound:
            payment = None
        if payment is not None and payment.smartpit_number == notice["smartpit_number"]:
            paid_id, amount = str(notice["payment_id"]), int(notice["amount"])
            paid_at = datetime.fromisoformat(str(notice["paid_at"]))
            if notice["notice_type"] == "quick":  # a bill left for PayPal is still money paid by Smart Pit
                payment.captured(paid_id, amount, paid_at, method="smartpit")
            elif notice["notice_type"] == "confirmed":
                payment.confirm(paid_id, amount, paid_at)
            elif notice["notice_type"] == "quick_cancelled":
                payment.quick_cancelled(paid_id, deps.clock.now())
            _save(uow, payment, deps.clock.now())
        else:
            payment = None
        uow.commit()  # the notice's record, with its effect
    return "applied" if payment is not None else "ignored"


def record_payment(uow: PaymentUnitOfWork, deps: Dependencies, tenant_id: str, order_id: str,
                   account_id: str | None, apply: Callable[[Payment], None]) -> Payment:
    """Record what PayPal answered. A webhook may record first (the approval's arrives while we
    capture): then read again and apply again, here, rather than let the bus retry the whole
    command and ask PayPal a second time (a refused card's capture would come back "not approved")."""
    for attempt in range(1, RECORD_ATTEMPTS + 1):
        try:
            with uow:
                payment = _payment(uow, tenant_id, order_id, account_id)
                apply(payment)
                _save(uow, payment, deps.clock.now())
                uow.commit()
            return payment
        except ConcurrencyError:
            if attempt == RECORD_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def payment_of(tenant_id: str, account_id: str, order_id: str, uow: PaymentUnitOfWork) -> Row:
    with uow:
        row = uow.payments.get(payment_id_for(order_id))
    if row is None or row["tenant_id"] != tenant_id or row["account_id"] != account_id:
        raise NotFound.one("payment_not_found", "order_id")
    return row


def _apply(payment: Payment, event_type: str, resource: dict[str, Any], now: datetime) -> None:
    resource_id = str(resource.get("id", ""))
    if event_type == "CHECKOUT.ORDER.APPROVED":
        payment.approved(resource_id)
    elif event_type == "PAYMENT.CAPTURE.COMPLETED":
        payment.captured(resource_id, _yen(resource), now, _related_order(resource), method="paypal")
    elif event_type == "PAYMENT.CAPTURE.PENDING":
        payment.capture_pending(resource_id, str((resource.get("status_details") or {}).get("reason", "")))
    elif event_type in ("PAYMENT.CAPTURE.DECLINED", "PAYMENT.CAPTURE.DENIED"):
        payment.declined(_related_order(resource), resource_id, event_type.rsplit(".", 1)[1])
    elif event_type == "PAYMENT.CAPTURE.REFUNDED" and payment.refund_in_hand(resource_id):
        pass  # a refund staff asked for: the console's request records it, with who and why
    elif event_type == "PAYMENT.CAPTURE.REFUNDED":  # the resource is the refund; `up` is its capture
        up = next((link["href"] for link in resource.get("links", []) if link.get("rel") == "up"), "")
        payment.refunded(up.rstrip("/").rsplit("/", 1)[-1], _yen(resource), "refunded", now)
    elif event_type == "PAYMENT.CAPTURE.REVERSED":
        payment.refunded(resource_id, _yen(resource), "reversed", now)


def _related_order(resource: dict[str, Any]) -> str:
    """The PayPal order a capture belongs to."""
    return str(((resource.get("supplementary_data") or {}).get("related_ids") or {}).get("order_id", ""))


def _invoice_id(resource: dict[str, Any]) -> str:
    """Our order id, as we gave it to PayPal: on captures and refunds, or in the order's purchase unit."""
    if resource.get("invoice_id"):
        return str(resource["invoice_id"])
    units = resource.get("purchase_units") or [{}]
    return str(units[0].get("invoice_id", ""))


def _yen(resource: dict[str, Any]) -> int:
    return int(str((resource.get("amount") or {}).get("value", "0")))


def _payment(uow: PaymentUnitOfWork, tenant_id: str, order_id: str, account_id: str | None) -> Payment:
    """The graduate's own payment (any of the tenant's for staff: `account_id` None); another's is
    as missing as none."""
    try:
        payment = uow.get(Payment, payment_id_for(order_id))
    except AggregateNotFound:
        raise NotFound.one("payment_not_found", "order_id") from None
    if payment.tenant_id != tenant_id or (account_id is not None and payment.account_id != account_id):
        raise NotFound.one("payment_not_found", "order_id")
    return payment


def _save(uow: PaymentUnitOfWork, payment: Payment, now: datetime) -> None:
    if payment.pending:
        uow.payments.save({"id": payment.id, "tenant_id": payment.tenant_id, "order_id": payment.order_id,
                           "account_id": payment.account_id, "method": payment.method, "amount": payment.amount,
                           "status": payment.status, "paypal_order_id": payment.paypal_order_id,
                           "capture_id": payment.capture_id, "updated_at": now})
        uow.add(payment)
