"""The schemas of the events print-gateway publishes (its contract: the unit of work validates every
payload against them, and `python -m shomei_devtools.contracts write` writes them out under
docs/contracts/print-gateway/), and its copies of the schemas of the events it hears."""

from __future__ import annotations

from typing import Any

from marshmallow import INCLUDE, Schema, fields, validate

from shomei_print_gateway.domain import events, heard, verification
from shomei_print_gateway.domain.print_order import FAILURE_REASONS
from shomei_print_gateway.domain.templates import template_of
from shomei_shared.messaging.reader import EventReader
from shomei_shared.messaging.registry import EventRegistry

CHANNELS = ("netprint", "sharp")


class ReservationV1Schema(Schema):
    number = fields.String(required=True, validate=validate.Regexp(r"^[0-9A-Z]{8,10}$"))
    certificate_ids = fields.List(fields.String(), required=True, validate=validate.Length(min=1))


class ReservationSchema(ReservationV1Schema):
    # v2: the pages of the number's certificates as rendered; None only for a v1 event (not recorded then).
    pages = fields.Integer(required=True, allow_none=True, strict=True, validate=validate.Range(min=1))


class PrintReservationIssuedV1Schema(Schema):
    print_channel = fields.String(required=True, validate=validate.OneOf(CHANNELS))
    reservations = fields.List(fields.Nested(ReservationV1Schema), required=True, validate=validate.Length(min=1))
    deadline = fields.AwareDateTime(required=True)
    issued_at = fields.AwareDateTime(required=True)


class PrintReservationIssuedSchema(PrintReservationIssuedV1Schema):
    """v2: each reservation's pages, and the estimated print charge (yen): every page issued × the
    catalogue's charge per page for the chain as ordering quoted it; None when that is unknown."""

    reservations = fields.List(fields.Nested(ReservationSchema), required=True, validate=validate.Length(min=1))
    print_estimate = fields.Integer(required=True, allow_none=True, strict=True, validate=validate.Range(min=0))


def _issued_v1_to_v2(payload: dict[str, Any]) -> dict[str, Any]:
    """A v1 event recorded no pages: unknown, as the estimate (ADR 0017: the past is not invented)."""
    return {**payload, "reservations": [{**reservation, "pages": None} for reservation in payload["reservations"]],
            "print_estimate": None}


class PrintReservationFailedSchema(Schema):
    reason = fields.String(required=True, validate=validate.OneOf(FAILURE_REASONS))
    attempts = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    failed_at = fields.AwareDateTime(required=True)


class PrintReservationFailedV1Schema(PrintReservationFailedSchema):
    # v2 added `record_incomplete`; a v1 event carries one of the reasons before it.
    reason = fields.String(required=True, validate=validate.OneOf(
        tuple(reason for reason in FAILURE_REASONS if reason != "record_incomplete")))


def _failed_v1_to_v2(payload: dict[str, Any]) -> dict[str, Any]:
    return payload  # every v1 reason is a v2 reason


class PrintRetryRequestedSchema(Schema):
    staff_id = fields.String(required=True)
    requested_at = fields.AwareDateTime(required=True)


class PrintWindowMissedSchema(Schema):
    payment_id = fields.String(required=True)
    paid_at = fields.AwareDateTime(required=True)
    deadline = fields.AwareDateTime(required=True)


class CertificatePrintedSchema(Schema):
    certificate_id = fields.String(required=True)
    number = fields.String(required=True)
    printed_at = fields.AwareDateTime(required=True)


class PrintOrderFulfilledSchema(Schema):
    fulfilled_at = fields.AwareDateTime(required=True)


class PrintReservationExpiredSchema(Schema):
    numbers = fields.List(fields.String(), required=True)
    expired_at = fields.AwareDateTime(required=True)


class PrintWaitStoppedSchema(Schema):
    payment_id = fields.String(required=True)
    stopped_at = fields.AwareDateTime(required=True)


class PrintReservationWithdrawnSchema(Schema):
    numbers = fields.List(fields.String(), required=True)
    copies_printed = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    withdrawn_at = fields.AwareDateTime(required=True)


class ItemCreatedSchema(Schema):
    title = fields.String(required=True)


class CertificateRevokedSchema(Schema):
    certificate_id = fields.String(required=True)
    order_id = fields.String(required=True)
    staff_id = fields.String(required=True)


def make_registry() -> EventRegistry:
    registry = EventRegistry()
    registry.register_event(events.ItemCreated, ItemCreatedSchema())  # retired (see the event)
    registry.register("PrintReservationIssued", 1, PrintReservationIssuedV1Schema())
    registry.register_event(events.PrintReservationIssued, PrintReservationIssuedSchema())
    registry.upcaster("PrintReservationIssued", 1)(_issued_v1_to_v2)
    registry.register("PrintReservationFailed", 1, PrintReservationFailedV1Schema())
    registry.register_event(events.PrintReservationFailed, PrintReservationFailedSchema())
    registry.upcaster("PrintReservationFailed", 1)(_failed_v1_to_v2)
    registry.register_event(events.PrintRetryRequested, PrintRetryRequestedSchema())
    registry.register_event(events.PrintWindowMissed, PrintWindowMissedSchema())
    registry.register_event(events.CertificatePrinted, CertificatePrintedSchema())
    registry.register_event(events.PrintOrderFulfilled, PrintOrderFulfilledSchema())
    registry.register_event(events.PrintReservationExpired, PrintReservationExpiredSchema())
    registry.register_event(events.PrintWaitStopped, PrintWaitStoppedSchema())
    registry.register_event(events.PrintReservationWithdrawn, PrintReservationWithdrawnSchema())
    registry.register_event(verification.CertificateRevoked, CertificateRevokedSchema())
    return registry


class OrderLineV2(Schema):
    """A line as ordering prices it, with the certificate it prints (`template`, `language`)."""

    class Meta:
        unknown = INCLUDE

    type = fields.String(required=True)
    name_ja = fields.String(required=True)
    name_en = fields.String(required=True)
    copies = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    pages = fields.Integer(required=True)
    template = fields.String(required=True)
    language = fields.String(required=True)


def _placed_v1_to_v2(payload: dict[str, Any]) -> dict[str, Any]:
    """A v1 line names no template: it follows from the type's code (domain.templates); a code
    that names none gets an empty template, which fails the order as template_unknown."""
    lines = []
    for line in payload["lines"]:
        template = template_of(line)
        lines.append({**line, "template": template.kind if template else "",
                      "language": template.language if template else ""})
    return {**payload, "lines": lines}


def _placed_v2_to_v3(payload: dict[str, Any]) -> dict[str, Any]:
    """A v2 order names no charge per page: its estimate was that charge × the lines' catalogue
    pages (ordering's Catalogue.print_estimate), so it divides exactly; none without an estimate."""
    pages = sum(int(line["pages"]) * int(line["copies"]) for line in payload["lines"])
    estimate = payload.get("print_estimate")
    return {**payload, "print_charge_per_page": None if estimate is None or pages <= 0 else estimate // pages}


class OrderPlacedV3(Schema):
    """ordering's OrderPlaced, the fields print-gateway reads (docs/contracts/ordering/)."""

    account_id = fields.String(required=True)
    student_number = fields.String(required=True)
    print_channel = fields.String(required=True)
    lines = fields.List(fields.Nested(OrderLineV2), required=True)
    deadline = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    # Yen per page at print_channel's chain (v3); None only for a v1/v2 order heard without an estimate.
    print_charge_per_page = fields.Integer(required=True, allow_none=True, strict=True,
                                           validate=validate.Range(min=0))


class OrderPaidV1(Schema):
    payment_id = fields.String(required=True)
    paid_at = fields.AwareDateTime(required=True)


class OrderPaymentReversedV1(Schema):
    """ordering's OrderPaymentReversed v1 (docs/contracts/ordering/, ADR 0034)."""

    payment_id = fields.String(required=True)
    amount = fields.Integer(required=True, strict=True)
    reversed_at = fields.AwareDateTime(required=True)
    reason = fields.String(required=True)


def heard_events() -> EventReader:
    """What print-gateway hears: topics in entrypoints/consumer.py."""
    reader = EventReader()
    reader.hear(heard.OrderPlaced, OrderPlacedV3(), version=3)
    reader.upcaster("OrderPlaced", 1)(_placed_v1_to_v2)
    reader.upcaster("OrderPlaced", 2)(_placed_v2_to_v3)
    reader.hear(heard.OrderPaid, OrderPaidV1())
    reader.hear(heard.OrderPaymentReversed, OrderPaymentReversedV1())
    return reader
