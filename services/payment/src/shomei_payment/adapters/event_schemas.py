"""The schemas of the events payment publishes (its contract: the unit of work validates every
payload against them, and `python -m shomei_devtools.contracts write` writes them out under
docs/contracts/payment/), and its copies of the schemas of the events it hears."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from shomei_payment.domain import events, heard
from shomei_payment.domain.payment import METHODS
from shomei_shared.messaging.reader import EventReader
from shomei_shared.messaging.registry import EventRegistry


def _yen() -> fields.Integer:
    """A whole number of yen (PayPal's JPY has no minor unit; rule 23)."""
    return fields.Integer(required=True, strict=True, validate=validate.Range(min=0))


class PaymentOpenedSchema(Schema):
    order_id = fields.String(required=True)
    account_id = fields.String(required=True)
    method = fields.String(required=True, validate=validate.OneOf(METHODS))
    amount = _yen()
    deadline = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)


class PayPalOrderCreatedSchema(Schema):
    paypal_order_id = fields.String(required=True)
    attempt = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    approve_url = fields.String(required=True)


class PaymentApprovedSchema(Schema):
    paypal_order_id = fields.String(required=True)


class PaymentPendingSchema(Schema):
    capture_id = fields.String(required=True)
    reason = fields.String(required=True)


class PaymentDeclinedSchema(Schema):
    paypal_order_id = fields.String(required=True)
    capture_id = fields.String(required=True)
    issue = fields.String(required=True)


class PaymentCapturedSchema(Schema):
    order_id = fields.String(required=True)
    method = fields.String(required=True, validate=validate.OneOf(METHODS))
    amount = _yen()
    capture_id = fields.String(required=True)
    captured_at = fields.AwareDateTime(required=True)


class PaymentRefundedSchema(Schema):
    order_id = fields.String(required=True)
    capture_id = fields.String(required=True)
    amount = _yen()
    reason = fields.String(required=True, validate=validate.OneOf(("refunded", "reversed")))
    refunded_at = fields.AwareDateTime(required=True)


class RefundRequestedSchema(Schema):
    request_key = fields.String(required=True)
    amount = _yen()
    staff_id = fields.String(required=True)
    note = fields.String(required=True)
    override_reason = fields.String(required=True)


class RefundIssuedSchema(Schema):
    request_key = fields.String(required=True)
    refund_id = fields.String(required=True)
    amount = _yen()


class SmartPitBillRegisteredSchema(Schema):
    smartpit_number = fields.String(required=True, validate=validate.Regexp(r"^[0-9]{13}$"))
    due = fields.AwareDateTime(required=True)


class PaymentReversedSchema(Schema):
    order_id = fields.String(required=True)
    capture_id = fields.String(required=True)
    amount = _yen()
    reason = fields.String(required=True, validate=validate.OneOf(("quick_cancelled",)))
    reversed_at = fields.AwareDateTime(required=True)


class PaymentMethodChangedSchema(Schema):
    method = fields.String(required=True, validate=validate.OneOf(METHODS))
    previous = fields.String(required=True, validate=validate.OneOf(METHODS))
    abandoned_paypal_order_id = fields.String(required=True)


class PaymentNotCountedSchema(Schema):
    order_id = fields.String(required=True)
    method = fields.String(required=True, validate=validate.OneOf(METHODS))
    capture_id = fields.String(required=True)
    amount = _yen()
    reason = fields.String(required=True, validate=validate.OneOf(("abandoned_paypal_order", "already_captured")))
    received_at = fields.AwareDateTime(required=True)


class CaptureIdSchema(Schema):
    capture_id = fields.String(required=True)


class OrderPlacedV3(Schema):
    """ordering's OrderPlaced, as much of it as payment reads (docs/contracts/ordering/); v2 only
    added each line's template and language, v3 the chain's print charge per page, which payment
    does not read, so v1 and v2 read the same."""

    account_id = fields.String(required=True)
    payment_method = fields.String(required=True)
    total = _yen()
    deadline = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)


def make_registry() -> EventRegistry:
    registry = EventRegistry()
    registry.register_event(events.PaymentOpened, PaymentOpenedSchema())
    registry.register_event(events.PayPalOrderCreated, PayPalOrderCreatedSchema())
    registry.register_event(events.PaymentApproved, PaymentApprovedSchema())
    registry.register_event(events.PaymentPending, PaymentPendingSchema())
    registry.register_event(events.PaymentDeclined, PaymentDeclinedSchema())
    registry.register_event(events.PaymentCaptured, PaymentCapturedSchema())
    registry.register_event(events.PaymentRefunded, PaymentRefundedSchema())
    registry.register_event(events.RefundRequested, RefundRequestedSchema())
    registry.register_event(events.RefundIssued, RefundIssuedSchema())
    registry.register_event(events.SmartPitBillRegistered, SmartPitBillRegisteredSchema())
    registry.register_event(events.PaymentQuickCancelled, CaptureIdSchema())
    registry.register_event(events.PaymentConfirmed, CaptureIdSchema())
    registry.register_event(events.PaymentReversed, PaymentReversedSchema())
    registry.register_event(events.PaymentMethodChanged, PaymentMethodChangedSchema())
    registry.register_event(events.PaymentNotCounted, PaymentNotCountedSchema())
    return registry


class OrderPaymentMethodChangedV1(Schema):
    """ordering.order OrderPaymentMethodChanged v1, the field payment reads."""

    payment_method = fields.String(required=True)


def heard_events() -> EventReader:
    """What payment hears: topics in entrypoints/consumer.py."""
    reader = EventReader()
    reader.hear(heard.OrderPlaced, OrderPlacedV3(), version=3)
    reader.upcaster("OrderPlaced", 1)(lambda payload: payload)
    reader.upcaster("OrderPlaced", 2)(lambda payload: payload)
    reader.hear(heard.OrderPaymentMethodChanged, OrderPaymentMethodChangedV1())
    return reader
