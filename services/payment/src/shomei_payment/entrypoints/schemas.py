"""Request bodies: their shape only; the rules are the domain's (its codes, worded in messages.py)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

_URL = validate.URL(schemes={"http", "https"}, require_tld=False)


class StartPayPalSchema(Schema):
    order_id = fields.String(required=True, validate=validate.Length(min=1, max=100))
    return_url = fields.String(required=True, validate=_URL)
    cancel_url = fields.String(required=True, validate=_URL)


class StaffPaymentsQuerySchema(Schema):
    order_id = fields.String(required=True, validate=validate.Length(min=1, max=60))


class RefundSchema(Schema):
    request_key = fields.String(required=True, validate=validate.Length(min=8, max=100))
    amount = fields.Integer(required=True, strict=True)
    reason = fields.String(required=True, validate=validate.Length(max=1000))
    override_reason = fields.String(load_default="", validate=validate.Length(max=1000))


class OrderRefSchema(Schema):
    order_id = fields.String(required=True, validate=validate.Length(min=1, max=100))


class PayPalReturnSchema(OrderRefSchema):
    # PayPal's order id from the return URL's `token`: a browser coming back with another payment's
    # approval must not capture this one's (the gateway passes it on unread).
    token = fields.String(load_default="", validate=validate.Length(max=100))
