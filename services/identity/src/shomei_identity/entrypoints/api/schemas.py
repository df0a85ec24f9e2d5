"""Request bodies of the internal API. Password fields accept anything up to a bound here (the
policy explains what is wrong); the bound only keeps a megabyte from reaching argon2."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

_INPUT_BOUND = validate.Length(max=1024)


def _tenant() -> fields.String:
    return fields.String(required=True, validate=validate.Regexp(r"^[a-z0-9][a-z0-9-]{0,62}$"))


def _email() -> fields.Email:
    return fields.Email(required=True, validate=validate.Length(max=254))


def _locale() -> fields.String:
    return fields.String(load_default="ja", validate=validate.OneOf(["ja", "en"]))


def _secret(required: bool = True) -> fields.String:
    return fields.String(required=required, validate=_INPUT_BOUND)


class StartRegistrationSchema(Schema):
    tenant_id = _tenant()
    email = _email()
    locale = _locale()


class TokenSchema(Schema):
    token = fields.String(required=True, validate=validate.Length(min=1, max=256))
    # The tenant of the address the link was opened at: another tenant's token is refused.
    tenant_id = fields.String(load_default=None, validate=validate.Length(min=1, max=64))


def _source() -> fields.String:
    """The client address the gateway or console saw: failed logins lock that source only."""
    return fields.String(load_default="", validate=validate.Length(max=256))


def _device() -> fields.String:
    """The browser's device cookie, if it has one: a device known for the subject is guarded on
    its own (docs/adr/0026)."""
    return fields.String(load_default="", validate=validate.Length(max=256))


class LogInSchema(Schema):
    tenant_id = _tenant()
    email = _email()
    password = _secret()
    second_password = fields.String(load_default="", validate=_INPUT_BOUND)
    source = _source()
    device = _device()


class SetFirstPasswordsSchema(Schema):
    setup_token = fields.String(required=True, validate=validate.Length(min=1, max=256))
    password = _secret()
    second_password = _secret()


def _session_id() -> fields.String:
    return fields.String(required=True, validate=validate.Length(min=1, max=256))


class SessionSchema(Schema):
    session_id = _session_id()


class SessionLookupSchema(SessionSchema):
    # The tenant of the address asking: another tenant's session is "not found" there.
    tenant_id = fields.String(load_default=None, validate=validate.Length(min=1, max=64))


class ChangePasswordSchema(SessionSchema):
    current_password = _secret()
    new_password = _secret()
    confirmation = _secret()
    source = _source()


class ChangeSecondPasswordSchema(SessionSchema):
    current_second_password = _secret()
    new_second_password = _secret()
    confirmation = _secret()
    source = _source()


class RequestEmailChangeSchema(SessionSchema):
    new_email = _email()
    confirmation = _email()
    locale = _locale()
    current_password = _secret()
    source = _source()


class RequestPasswordResetSchema(Schema):
    tenant_id = _tenant()
    email = _email()
    locale = _locale()


class ConfirmPasswordResetSchema(TokenSchema):
    new_password = _secret()
    new_second_password = _secret()


class StudentNumberAdditionSchema(SessionSchema):
    locale = _locale()


class StaffLogInSchema(Schema):
    tenant_id = _tenant()
    email = _email()
    password = _secret()
    totp_code = fields.String(required=True, validate=validate.Regexp(r"^\d{6}$"))
    source = _source()
    device = _device()
