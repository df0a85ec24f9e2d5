"""The schemas of the events ordering publishes (its contract: the unit of work validates every
payload against them, and `python -m shomei_devtools.contracts write` writes them out under
docs/contracts/ordering/), and its copies of the schemas of the events it hears."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from shomei_ordering.domain import events, heard
from shomei_ordering.domain.catalogue import (
    PAYMENT_METHODS,
    PRINT_CHANNELS,
    PROGRAMMES,
    STATUSES,
    TEMPLATES,
    default_template,
)
from shomei_shared.messaging.reader import EventReader
from shomei_shared.messaging.registry import EventRegistry


def _yen() -> fields.Integer:
    """A whole number of yen (PayPal's JPY has no minor unit; rule 23)."""
    return fields.Integer(required=True, strict=True, validate=validate.Range(min=0))


class CertificateTypeV1Schema(Schema):
    code = fields.String(required=True)
    name_ja = fields.String(required=True)
    name_en = fields.String(required=True)
    fee = _yen()
    pages = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    statuses = fields.List(fields.String(validate=validate.OneOf(STATUSES)), required=True)
    programmes = fields.List(fields.String(validate=validate.OneOf(PROGRAMMES)), required=True)
    store_printing = fields.Boolean(required=True)
    language = fields.String(required=True, validate=validate.OneOf(("ja", "en")))


class CertificateTypeSchema(CertificateTypeV1Schema):
    template = fields.String(required=True, validate=validate.OneOf(TEMPLATES))


class CatalogueV1Schema(Schema):
    types = fields.List(fields.Nested(CertificateTypeV1Schema), required=True)
    usage_fee = _yen()
    print_charges = fields.Dict(keys=fields.String(validate=validate.OneOf(PRINT_CHANNELS)),
                                values=_yen(), required=True)
    payment_methods = fields.List(fields.String(validate=validate.OneOf(PAYMENT_METHODS)), required=True)


class CatalogueSchema(CatalogueV1Schema):
    types = fields.List(fields.Nested(CertificateTypeSchema), required=True)


class CatalogueChangedV1Schema(Schema):
    staff_id = fields.String(required=True)
    catalogue = fields.Nested(CatalogueV1Schema, required=True)


class CatalogueChangedSchema(Schema):
    staff_id = fields.String(required=True)
    catalogue = fields.Nested(CatalogueSchema, required=True)


class OrderLineV1Schema(Schema):
    type = fields.String(required=True)
    name_ja = fields.String(required=True)
    name_en = fields.String(required=True)
    fee = _yen()
    copies = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    pages = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))


class OrderLineSchema(OrderLineV1Schema):
    template = fields.String(required=True, validate=validate.OneOf(TEMPLATES))
    language = fields.String(required=True, validate=validate.OneOf(("ja", "en")))


class OrderPlacedV1Schema(Schema):
    account_id = fields.String(required=True)
    student_number = fields.String(required=True)
    print_channel = fields.String(required=True, validate=validate.OneOf(PRINT_CHANNELS))
    payment_method = fields.String(required=True, validate=validate.OneOf(PAYMENT_METHODS))
    lines = fields.List(fields.Nested(OrderLineV1Schema), required=True, validate=validate.Length(min=1))
    usage_fee = _yen()
    total = _yen()
    print_estimate = _yen()
    placed_at = fields.AwareDateTime(required=True)
    deadline = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)


class OrderPlacedV2Schema(OrderPlacedV1Schema):
    lines = fields.List(fields.Nested(OrderLineSchema), required=True, validate=validate.Length(min=1))


class OrderPlacedSchema(OrderPlacedV2Schema):
    print_charge_per_page = _yen()


def _template_of(line: dict[str, Any]) -> str:
    """A v1 type or line's template: what its code or name says. One that says nothing (a code of
    staff's own, a name without a known word) is read as a graduation certificate and, for a
    catalogue, kept off store printing until staff choose its template in the editor."""
    return default_template(str(line.get("code", line.get("type", ""))), str(line.get("name_ja", "")))


def _catalogue_v1_to_v2(payload: dict[str, Any]) -> dict[str, Any]:
    types = []
    for kind in payload["catalogue"]["types"]:
        template = _template_of(kind)
        types.append({**kind, "template": template or "graduation",
                      "store_printing": bool(kind.get("store_printing")) and bool(template)})
    return {**payload, "catalogue": {**payload["catalogue"], "types": types}}


def _order_placed_v1_to_v2(payload: dict[str, Any]) -> dict[str, Any]:
    """A v1 line's language: English when its code or name says so (`_en`, （英文）)."""
    lines = [{**line, "template": _template_of(line) or "graduation",
              "language": "en" if str(line.get("type", "")).endswith(("_en", "-en"))
              or "英文" in str(line.get("name_ja", "")) else "ja"} for line in payload["lines"]]
    return {**payload, "lines": lines}


def _order_placed_v2_to_v3(payload: dict[str, Any]) -> dict[str, Any]:
    """A v2 order's charge per page: its estimate was that charge × the lines' pages
    (Catalogue.print_estimate), so the division is exact."""
    pages = sum(int(line["pages"]) * int(line["copies"]) for line in payload["lines"])
    return {**payload, "print_charge_per_page": payload["print_estimate"] // pages}


class OrderPaidSchema(Schema):
    payment_id = fields.String(required=True)
    amount = _yen()
    paid_at = fields.AwareDateTime(required=True)


class OrderExpiredSchema(Schema):
    expired_at = fields.AwareDateTime(required=True)


class OrderCancelledSchema(Schema):
    cancelled_at = fields.AwareDateTime(required=True)
    by = fields.String(required=True, validate=validate.OneOf(("graduate", "staff")))


class PaymentNotAppliedV1Schema(Schema):
    payment_id = fields.String(required=True)
    amount = _yen()
    paid_at = fields.AwareDateTime(required=True)
    reason = fields.String(required=True, validate=validate.OneOf(
        ("expired", "cancelled", "already_paid", "amount_mismatch")))


class PaymentNotAppliedSchema(PaymentNotAppliedV1Schema):
    reason = fields.String(required=True, validate=validate.OneOf(
        ("expired", "cancelled", "already_paid", "amount_mismatch", "method_changed")))


def _not_applied_v1_to_v2(payload: dict[str, Any]) -> dict[str, Any]:
    """v2 only adds a reason: a v1 payload reads as it is."""
    return payload


class OrderPaymentReversedSchema(Schema):
    payment_id = fields.String(required=True)
    amount = _yen()
    reversed_at = fields.AwareDateTime(required=True)
    reason = fields.String(required=True, validate=validate.OneOf(("quick_cancelled",)))


class UnappliedPaymentReversedSchema(Schema):
    payment_id = fields.String(required=True)
    amount = _yen()
    reversed_at = fields.AwareDateTime(required=True)


class UnappliedPaymentRefundedSchema(Schema):
    payment_id = fields.String(required=True)
    amount = _yen()
    staff_id = fields.String(required=True)
    note = fields.String(required=True, validate=validate.Length(min=1, max=500))
    refunded_at = fields.AwareDateTime(required=True)


class OrderPaymentMethodChangedSchema(Schema):
    payment_method = fields.String(required=True, validate=validate.OneOf(PAYMENT_METHODS))
    previous = fields.String(required=True, validate=validate.OneOf(PAYMENT_METHODS))
    changed_at = fields.AwareDateTime(required=True)


def make_registry() -> EventRegistry:
    registry = EventRegistry()
    registry.register("CatalogueChanged", 1, CatalogueChangedV1Schema())
    registry.register_event(events.CatalogueChanged, CatalogueChangedSchema())
    registry.upcaster("CatalogueChanged", 1)(_catalogue_v1_to_v2)
    registry.register("OrderPlaced", 1, OrderPlacedV1Schema())
    registry.register("OrderPlaced", 2, OrderPlacedV2Schema())
    registry.register_event(events.OrderPlaced, OrderPlacedSchema())
    registry.upcaster("OrderPlaced", 1)(_order_placed_v1_to_v2)
    registry.upcaster("OrderPlaced", 2)(_order_placed_v2_to_v3)
    registry.register_event(events.OrderPaid, OrderPaidSchema())
    registry.register_event(events.OrderExpired, OrderExpiredSchema())
    registry.register_event(events.OrderCancelled, OrderCancelledSchema())
    registry.register("PaymentNotApplied", 1, PaymentNotAppliedV1Schema())
    registry.register_event(events.PaymentNotApplied, PaymentNotAppliedSchema())
    registry.upcaster("PaymentNotApplied", 1)(_not_applied_v1_to_v2)
    registry.register_event(events.OrderPaymentReversed, OrderPaymentReversedSchema())
    registry.register_event(events.UnappliedPaymentReversed, UnappliedPaymentReversedSchema())
    registry.register_event(events.UnappliedPaymentRefunded, UnappliedPaymentRefundedSchema())
    registry.register_event(events.OrderPaymentMethodChanged, OrderPaymentMethodChangedSchema())
    return registry


class PaymentCapturedV1(Schema):
    """payment.payment PaymentCaptured v1, the fields ordering reads (the reader ignores the others)."""

    order_id = fields.String(required=True)
    amount = _yen()
    captured_at = fields.AwareDateTime(required=True)


class PaymentReversedV1(Schema):
    """payment.payment PaymentReversed v1, the fields ordering reads."""

    order_id = fields.String(required=True)
    amount = _yen()
    reason = fields.String(required=True)
    reversed_at = fields.AwareDateTime(required=True)


class PaymentNotCountedV1(Schema):
    """payment.payment PaymentNotCounted v1, the fields ordering reads."""

    order_id = fields.String(required=True)
    capture_id = fields.String(required=True)
    amount = _yen()
    reason = fields.String(required=True)
    received_at = fields.AwareDateTime(required=True)


def heard_events() -> EventReader:
    """What ordering hears: topics in entrypoints/consumer.py."""
    reader = EventReader()
    reader.hear(heard.PaymentCaptured, PaymentCapturedV1())
    reader.hear(heard.PaymentReversed, PaymentReversedV1())
    reader.hear(heard.PaymentNotCounted, PaymentNotCountedV1())
    return reader
