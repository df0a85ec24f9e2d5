"""Request bodies: their shape only; the rules are the domain's (its codes, worded in messages.py)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class LineSchema(Schema):
    type = fields.String(required=True, validate=validate.Length(max=100))
    copies = fields.Integer(required=True, strict=True)


class QuoteSchema(Schema):
    """What enrollment says of the student number (status, programme) is passed on by the gateway,
    which asks enrollment for it (ADR 0028)."""

    student_number = fields.String(required=True, validate=validate.Length(min=1, max=40))
    enrollment_status = fields.String(required=True, validate=validate.Length(max=10))
    programme = fields.String(required=True, validate=validate.Length(max=10))
    print_channel = fields.String(required=True, validate=validate.Length(max=20))
    payment_method = fields.String(required=True, validate=validate.Length(max=20))
    lines = fields.List(fields.Nested(LineSchema), required=True, validate=validate.Length(max=50))


class PlaceOrderSchema(QuoteSchema):
    idempotency_key = fields.String(required=True, validate=validate.Length(min=8, max=100))
    # The quote's deadline the confirmation page showed; a different one now is refused (409).
    confirmed_deadline = fields.AwareDateTime(load_default=None)


class CatalogueBodySchema(Schema):
    """The catalogue editor's document; every rule is the domain's (domain/catalogue.py)."""

    catalogue = fields.Dict(required=True)


class OrderSearchSchema(Schema):
    status = fields.String(validate=validate.OneOf(("placed", "paid", "cancelled", "expired")))
    student_number = fields.String(validate=validate.Length(max=40))
    order_id = fields.String(validate=validate.Length(max=60))
    account_id = fields.String(validate=validate.Length(max=60))
    placed_from = fields.Date(data_key="from")
    placed_to = fields.Date(data_key="to")
    alert = fields.String(validate=validate.OneOf(("payment_reversed",)))
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=500))


class TransferRefundSchema(Schema):
    """Why (required; the rule is the domain's, so the error reaches the field `reason`)."""

    reason = fields.String(load_default="", validate=validate.Length(max=500))


class PaymentMethodSchema(Schema):
    payment_method = fields.String(required=True, validate=validate.Length(max=20))
