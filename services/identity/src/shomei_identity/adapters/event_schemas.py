"""The wire schemas of identity's events (the published contract) and of the one event it
hears, ApplicationApproved, declared here as our own copy (services never import each other)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from shomei_identity.domain import events as ev
from shomei_identity.domain import heard
from shomei_shared.messaging.reader import EventReader
from shomei_shared.messaging.registry import EventRegistry


# The published contract states the formats its consumers rely on (docs/contracts/identity/):
# addresses are e-mail addresses (checked as such at the API), the login URL a URL.
class EmailLocaleSchema(Schema):
    email = fields.Email(required=True)
    locale = fields.String(required=True)


class LinkMailSchema(EmailLocaleSchema):
    secret_ref = fields.String(required=True)
    expires_at = fields.AwareDateTime(required=True)


class AccountActivatedSchema(LinkMailSchema):
    application_id = fields.String(required=True)
    login_url = fields.Url(required=True, require_tld=False)


# Why a registration or an activation was refused; one reason today, named so more can follow.
_REFUSAL_REASONS = validate.OneOf(["email_has_account"])


class RegistrationRefusedSchema(EmailLocaleSchema):
    reason = fields.String(required=True, validate=_REFUSAL_REASONS)


class AccountActivationRefusedSchema(RegistrationRefusedSchema):
    application_id = fields.String(required=True)


class EmptySchema(Schema):
    pass


class EmailChangeRequestedSchema(Schema):
    new_email = fields.Email(required=True)
    locale = fields.String(required=True)
    secret_ref = fields.String(required=True)
    expires_at = fields.AwareDateTime(required=True)


class EmailChangedSchema(Schema):
    old_email = fields.Email(required=True)
    new_email = fields.Email(required=True)


class LoginLockedOutSchema(Schema):
    until = fields.AwareDateTime(required=True)


class ApplicationApprovedSchema(Schema):
    """enrollment.application ApplicationApproved v1, the fields identity reads (the reader
    ignores the others)."""

    email = fields.String(required=True)
    locale = fields.String(required=True)
    kind = fields.String(required=True)


def heard_events() -> EventReader:
    """What identity hears: topics in entrypoints/consumer.py."""
    reader = EventReader()
    reader.hear(heard.ApplicationApproved, ApplicationApprovedSchema())
    return reader


def make_registry() -> EventRegistry:
    registry = EventRegistry()
    registry.register_event(ev.RegistrationStarted, LinkMailSchema())
    registry.register_event(ev.RegistrationEmailVerified, EmailLocaleSchema())
    registry.register_event(ev.RegistrationRefused, RegistrationRefusedSchema())
    registry.register_event(ev.AccountActivated, AccountActivatedSchema())
    registry.register_event(ev.AccountActivationRefused, AccountActivationRefusedSchema())
    for empty in (ev.PasswordsSet, ev.PasswordChanged, ev.SecondPasswordChanged, ev.PasswordReset):
        registry.register_event(empty, EmptySchema())
    registry.register_event(ev.EmailChangeRequested, EmailChangeRequestedSchema())
    registry.register_event(ev.EmailChanged, EmailChangedSchema())
    registry.register_event(ev.PasswordResetRequested, LinkMailSchema())
    registry.register_event(ev.StudentNumberAdditionRequested, LinkMailSchema())
    registry.register_event(ev.LoginLockedOut, LoginLockedOutSchema())
    registry.register_event(ev.StaffLoginLockedOut, LoginLockedOutSchema())
    return registry

