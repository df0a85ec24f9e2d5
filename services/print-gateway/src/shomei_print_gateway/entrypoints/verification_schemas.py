"""Request bodies and queries of verification's API: their shape only (ADR 0036)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class VerifyBodySchema(Schema):
    tenant_id = fields.String(required=True, validate=validate.Length(min=1, max=60))
    code = fields.String(required=True, validate=validate.Length(max=60))
    # The edge's country header as it came (ISO alpha-2, or XX/T1/none); never the address.
    country = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=8))


class CertificateSearchSchema(Schema):
    code = fields.String(load_default=None, validate=validate.Length(max=60))
    order_id = fields.String(load_default=None, validate=validate.Length(max=60))


class RevocationBodySchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(max=2000))
