"""Marshmallow schemas of the events enrollment writes (the published contract), registered in
the registry the unit of work validates every payload against; and our copies of the schemas
of the events enrollment hears (services never import each other)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from shomei_enrollment.domain import events, heard
from shomei_shared.messaging.reader import EventReader
from shomei_shared.messaging.registry import EventRegistry

_KIND = validate.OneOf(["registration", "student_number"])


class ApplicationSubmittedSchema(Schema):
    registration_id = fields.String(required=True, allow_none=True)
    email = fields.Email(required=True)
    locale = fields.String(required=True)
    kind = fields.String(required=True, validate=_KIND)
    account_id = fields.String(required=True, allow_none=True)


class ApplicationApprovedSchema(ApplicationSubmittedSchema):
    graduate_id = fields.String(required=True)
    student_number = fields.String(required=True)


class ApplicationRejectedSchema(Schema):
    email = fields.Email(required=True)
    locale = fields.String(required=True)
    kind = fields.String(required=True, validate=_KIND)
    reason = fields.String(required=True)


class ApplicationApprovalFailedSchema(Schema):
    kind = fields.String(required=True, validate=_KIND)
    reason = fields.String(required=True, validate=validate.OneOf(["email_has_account"]))


class ResubmissionRequestedV1Schema(ApplicationRejectedSchema):
    registration_id = fields.String(required=True, allow_none=True)


class ResubmissionRequestedSchema(ApplicationRejectedSchema):
    """v2: the sealed re-application link by reference (None for a student number)."""

    secret_ref = fields.String(required=True, allow_none=True)
    expires_at = fields.AwareDateTime(required=True, allow_none=True)


def _resubmission_v1_to_v2(payload: dict[str, Any]) -> dict[str, Any]:
    """A v1 event's link was the registration id, no longer accepted: it reads as having none."""
    moved = {k: v for k, v in payload.items() if k != "registration_id"}
    return {**moved, "secret_ref": None, "expires_at": None}


class ApplicationResubmittedSchema(Schema):
    pass


class StudentNumberLinkedSchema(Schema):
    account_id = fields.String(required=True)
    student_number = fields.String(required=True)


class ProfileChangedSchema(Schema):
    account_id = fields.String(required=True)
    # "fields" on the wire (the contract's name); a Schema attribute of that name would shadow
    # marshmallow's own.
    changed_fields = fields.List(fields.String(), required=True, data_key="fields", attribute="fields")


class AlumniRecordsImportedSchema(Schema):
    created = fields.Integer(required=True, strict=True)
    updated = fields.Integer(required=True, strict=True)
    unchanged = fields.Integer(required=True, strict=True)
    rejected = fields.Integer(required=True, strict=True)


class AcademicRecordReplacedSchema(Schema):
    import_id = fields.String(required=True)
    staff_id = fields.String(required=True)
    record_version = fields.Integer(required=True, strict=True)
    courses = fields.Integer(required=True, strict=True)


class AcademicRecordsImportedSchema(Schema):
    created = fields.Integer(required=True, strict=True)
    replaced = fields.Integer(required=True, strict=True)
    unchanged = fields.Integer(required=True, strict=True)
    rejected = fields.Integer(required=True, strict=True)


class TenantProfileChangedSchema(Schema):
    staff_id = fields.String(required=True)
    changes = fields.Dict(keys=fields.String(), required=True)


def enrollment_registry() -> EventRegistry:
    registry = EventRegistry()
    registry.register_event(events.ApplicationSubmitted, ApplicationSubmittedSchema())
    registry.register_event(events.ApplicationApproved, ApplicationApprovedSchema())
    registry.register_event(events.ApplicationApprovalFailed, ApplicationApprovalFailedSchema())
    registry.register_event(events.ApplicationRejected, ApplicationRejectedSchema())
    registry.register("ResubmissionRequested", 1, ResubmissionRequestedV1Schema())
    registry.register_event(events.ResubmissionRequested, ResubmissionRequestedSchema())
    registry.upcaster("ResubmissionRequested", 1)(_resubmission_v1_to_v2)
    registry.register_event(events.ApplicationResubmitted, ApplicationResubmittedSchema())
    registry.register_event(events.StudentNumberLinked, StudentNumberLinkedSchema())
    registry.register_event(events.ProfileChanged, ProfileChangedSchema())
    registry.register_event(events.AlumniRecordsImported, AlumniRecordsImportedSchema())
    registry.register_event(events.TenantProfileChanged, TenantProfileChangedSchema())
    registry.register_event(events.AcademicRecordReplaced, AcademicRecordReplacedSchema())
    registry.register_event(events.AcademicRecordsImported, AcademicRecordsImportedSchema())
    return registry


class RegistrationEmailVerifiedV1(Schema):
    """identity.registration RegistrationEmailVerified v1: the fields enrollment reads."""

    email = fields.Email(required=True)
    locale = fields.String(required=True)


class AccountActivatedV1(Schema):
    application_id = fields.String(required=True)


class AccountActivationRefusedV1(Schema):
    application_id = fields.String(required=True)
    reason = fields.String(required=True)  # shown to staff by its code; a new one must not dead-letter


class EmailChangedV1(Schema):
    new_email = fields.Email(required=True)


def heard_events() -> EventReader:
    """What enrollment hears from identity: topics in entrypoints/consumer.py."""
    reader = EventReader()
    reader.hear(heard.RegistrationEmailVerified, RegistrationEmailVerifiedV1())
    reader.hear(heard.AccountActivated, AccountActivatedV1())
    reader.hear(heard.AccountActivationRefused, AccountActivationRefusedV1())
    reader.hear(heard.EmailChanged, EmailChangedV1())
    return reader
