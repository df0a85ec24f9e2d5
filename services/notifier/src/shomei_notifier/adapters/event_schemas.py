"""Our copies of the published event schemas we consume (docs/contracts/registration.md), not
imports from identity, enrollment, ordering or payment. Unknown fields are ignored so that an additive change on
the producer's side does not dead-letter our consumption."""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from shomei_notifier.domain.heard import EventHeard
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.messaging.reader import EventReader

_KINDS = validate.OneOf(["registration", "student_number"])


class _Tolerant(Schema):
    class Meta:
        unknown = EXCLUDE


class _WithLocale(_Tolerant):
    locale = fields.String(load_default="ja")


class _OneTimeLink(_WithLocale):
    email = fields.Email(required=True)
    secret_ref = fields.String(required=True, validate=validate.Length(min=1))
    expires_at = fields.AwareDateTime(required=True)


class AccountActivatedV1(_OneTimeLink):
    application_id = fields.String(required=True)
    login_url = fields.Url(required=True, require_tld=False)


class RegistrationRefusedV1(_WithLocale):
    email = fields.Email(required=True)
    reason = fields.String(required=True)


class AccountActivationRefusedV1(RegistrationRefusedV1):
    application_id = fields.String(required=True)


class EmailChangeRequestedV1(_WithLocale):
    new_email = fields.Email(required=True)
    secret_ref = fields.String(required=True, validate=validate.Length(min=1))
    expires_at = fields.AwareDateTime(required=True)


class EmailChangedV1(_Tolerant):
    old_email = fields.Email(required=True)
    new_email = fields.Email(required=True)


class NoticeV1(_Tolerant):
    """PasswordChanged, SecondPasswordChanged, PasswordReset: the payload has no fields."""


class LoginLockedOutV1(_Tolerant):
    until = fields.AwareDateTime(required=True)


class _Application(_WithLocale):
    email = fields.Email(required=True)
    kind = fields.String(required=True, validate=_KINDS)


class ApplicationSubmittedV1(_Application):
    registration_id = fields.String(allow_none=True, load_default=None)
    account_id = fields.String(allow_none=True, load_default=None)


class ApplicationApprovedV1(_Application):
    registration_id = fields.String(allow_none=True, load_default=None)
    account_id = fields.String(allow_none=True, load_default=None)
    graduate_id = fields.String(allow_none=True, load_default=None)
    student_number = fields.String(allow_none=True, load_default=None)

    @validates_schema
    def _number_for_number_kind(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("kind") == "student_number" and not data.get("student_number"):
            raise ValidationError("required when kind is student_number", "student_number")


class ApplicationRejectedV1(_Application):
    reason = fields.String(required=True)


class ResubmissionRequestedV2(_Application):
    reason = fields.String(required=True)
    # The sealed re-application link, redeemed at enrollment; None for kind student_number
    # (the graduate re-applies from the account menu) and for v1 events.
    secret_ref = fields.String(allow_none=True, load_default=None)
    expires_at = fields.AwareDateTime(allow_none=True, load_default=None)


_METHODS = validate.OneOf(["paypal", "smartpit"])
_YEN = validate.Range(min=0)


class _OrderLine(_Tolerant):
    type = fields.String(required=True)
    name_ja = fields.String(required=True)
    name_en = fields.String(required=True)
    copies = fields.Integer(required=True, validate=validate.Range(min=1))
    fee = fields.Integer(required=True, validate=_YEN)
    pages = fields.Integer(required=True, validate=validate.Range(min=1))


class OrderPlacedV3(_Tolerant):
    """docs/contracts/ordering/OrderPlaced.v3.json (v2 added each line's template and language, v3
    the chain's print charge per page, which the mails do not need: v1 and v2 read the same); the
    aggregate is the order."""

    account_id = fields.String(required=True)
    student_number = fields.String(required=True)
    lines = fields.List(fields.Nested(_OrderLine), required=True, validate=validate.Length(min=1))
    usage_fee = fields.Integer(required=True, validate=_YEN)
    total = fields.Integer(required=True, validate=_YEN)
    print_estimate = fields.Integer(required=True, validate=_YEN)
    payment_method = fields.String(required=True, validate=_METHODS)
    print_channel = fields.String(required=True)
    deadline = fields.AwareDateTime(required=True)


class OrderPaidV1(_Tolerant):
    amount = fields.Integer(required=True, validate=_YEN)
    paid_at = fields.AwareDateTime(required=True)


class OrderExpiredV1(_Tolerant):
    expired_at = fields.AwareDateTime(required=True)


class PaymentOpenedV1(_Tolerant):
    """Heard only for the link payment → order → account (the Smart Pit mail names a payment)."""

    order_id = fields.String(required=True)
    account_id = fields.String(required=True)
    amount = fields.Integer(required=True, validate=_YEN)


class SmartPitBillRegisteredV1(_Tolerant):
    smartpit_number = fields.String(required=True, validate=validate.Regexp(r"^[0-9]{13}$"))
    due = fields.AwareDateTime(required=True)


class PaymentRefundedV1(_Tolerant):
    order_id = fields.String(required=True)
    amount = fields.Integer(required=True, validate=_YEN)
    refunded_at = fields.AwareDateTime(required=True)


class _Reservation(_Tolerant):
    number = fields.String(required=True)
    certificate_ids = fields.List(fields.String(), required=True)


class _ReservationV2(_Reservation):
    pages = fields.Integer(required=True, allow_none=True)


class PrintReservationIssuedV2(_Tolerant):
    """docs/contracts/print-gateway/PrintReservationIssued.v2.json; the aggregate is the order. v2
    adds each number's pages and the estimated print charge from them (None: unknown, a v1 event)."""

    print_channel = fields.String(required=True)
    reservations = fields.List(fields.Nested(_ReservationV2), required=True, validate=validate.Length(min=1))
    deadline = fields.AwareDateTime(required=True)
    print_estimate = fields.Integer(required=True, allow_none=True)


def _issued_v1_to_v2(payload: dict[str, Any]) -> dict[str, Any]:
    """A v1 reservation recorded no pages: the mail then states no estimate."""
    return {**payload, "reservations": [{**reservation, "pages": None} for reservation in payload["reservations"]],
            "print_estimate": None}


class PrintReservationFailedV2(_Tolerant):
    """v2 only added a reason (`record_incomplete`), which the mail never shows: the reason is staff's."""

    failed_at = fields.AwareDateTime(required=True)


class PrintOrderFulfilledV1(_Tolerant):
    fulfilled_at = fields.AwareDateTime(required=True)


class PrintReservationExpiredV1(_Tolerant):
    expired_at = fields.AwareDateTime(required=True)


def _same_fields(payload: dict[str, Any]) -> dict[str, Any]:
    return payload


def _resubmission_v1_to_v2(payload: dict[str, Any]) -> dict[str, Any]:
    """v1's link was the registration id, which no longer opens anything: no link."""
    return {**{k: v for k, v in payload.items() if k != "registration_id"}, "secret_ref": None, "expires_at": None}


SCHEMAS: dict[str, type[Schema]] = {
    "RegistrationStarted": _OneTimeLink,
    "RegistrationRefused": RegistrationRefusedV1,
    "AccountActivated": AccountActivatedV1,
    "AccountActivationRefused": AccountActivationRefusedV1,
    "PasswordChanged": NoticeV1,
    "SecondPasswordChanged": NoticeV1,
    "EmailChangeRequested": EmailChangeRequestedV1,
    "EmailChanged": EmailChangedV1,
    "PasswordResetRequested": _OneTimeLink,
    "PasswordReset": NoticeV1,
    "StudentNumberAdditionRequested": _OneTimeLink,
    "LoginLockedOut": LoginLockedOutV1,
    "ApplicationSubmitted": ApplicationSubmittedV1,
    "ApplicationApproved": ApplicationApprovedV1,
    "ApplicationRejected": ApplicationRejectedV1,
    "ResubmissionRequested": ResubmissionRequestedV2,
    "OrderPlaced": OrderPlacedV3,
    "OrderPaid": OrderPaidV1,
    "OrderExpired": OrderExpiredV1,
    "OrderCancelled": NoticeV1,  # withdraws the reminder; mails nobody
    "PaymentOpened": PaymentOpenedV1,
    "SmartPitBillRegistered": SmartPitBillRegisteredV1,
    "PaymentRefunded": PaymentRefundedV1,
    "PrintReservationIssued": PrintReservationIssuedV2,
    "PrintReservationFailed": PrintReservationFailedV2,
    "PrintReservationExpired": PrintReservationExpiredV1,
    "PrintOrderFulfilled": PrintOrderFulfilledV1,  # withdraws the print reminder; mails nobody
}
VERSIONS: dict[str, int] = {"ResubmissionRequested": 2, "OrderPlaced": 3, "PrintReservationFailed": 2,
                            "PrintReservationIssued": 2}  # others: v1


def _heard(envelope: Envelope) -> EventHeard:
    # Dumped back to JSON-ready values: the facts are kept in the delivery log as JSON.
    values: dict[str, Any] = SCHEMAS[envelope.type]().dump(envelope.payload)
    return EventHeard(type=envelope.type, tenant_id=envelope.tenant_id, aggregate_id=envelope.aggregate_id,
                      message_id=envelope.message_id, correlation_id=envelope.correlation_id or envelope.message_id,
                      payload_values=values)


def heard_events() -> EventReader:
    """Every event type the notifier mails for (topics in bootstrap.CONSUMED_TOPICS); other
    types on those topics are skipped unread, so a new producer event never dead-letters here."""
    reader = EventReader()
    for event_type, schema in SCHEMAS.items():
        reader.hear(EventHeard, schema(), event_type=event_type, version=VERSIONS.get(event_type, 1),
                    factory=_heard)
    reader.upcaster("ResubmissionRequested", 1)(_resubmission_v1_to_v2)
    reader.upcaster("PrintReservationFailed", 1)(lambda payload: payload)  # every v1 reason is a v2 one
    reader.upcaster("PrintReservationIssued", 1)(_issued_v1_to_v2)
    reader.upcaster("OrderPlaced", 1)(_same_fields)  # v2 and v3 only added fields the mails do not read
    reader.upcaster("OrderPlaced", 2)(_same_fields)
    return reader
