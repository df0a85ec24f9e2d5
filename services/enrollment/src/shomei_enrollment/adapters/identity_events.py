"""Our copy of the identity events we consume (docs/contracts/registration.md), not an import of
identity's code. Unknown fields are ignored so that identity can add fields without breaking us."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields


class RegistrationEmailVerifiedV1(Schema):
    class Meta:
        unknown = EXCLUDE

    email = fields.Email(required=True)
    locale = fields.String(required=True)


class AccountActivatedV1(Schema):
    class Meta:
        unknown = EXCLUDE

    email = fields.Email(required=True)
    locale = fields.String(required=True)
    application_id = fields.String(required=True)


class EmailChangedV1(Schema):
    class Meta:
        unknown = EXCLUDE

    old_email = fields.Email(required=True)
    new_email = fields.Email(required=True)
