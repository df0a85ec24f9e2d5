"""Request and response shapes of the internal API. They check form (types, base64); the domain
checks meaning and names each field that is wrong by a code (entrypoints/messages.py words it)."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from marshmallow import Schema, fields, validate

from shomei_shared.errors import InvalidInput


class NameSchema(Schema):
    kanji = fields.String(load_default="")
    katakana = fields.String(load_default="")
    romaji = fields.String(load_default="")


class EnrollmentSchema(Schema):
    university = fields.String(load_default="")
    faculty = fields.String(load_default="")
    department = fields.String(load_default="")
    student_number = fields.String(load_default="")
    admission_year_month = fields.String(load_default="", metadata={"example": "2008-04"})
    graduation_year_month = fields.String(load_default="", metadata={"example": "2012-03"})
    status = fields.String(load_default="", metadata={
        "description": "graduated | withdrew | expelled (or 卒業/退学/除籍)"})


class AddressSchema(Schema):
    postal_code = fields.String(load_default="")
    prefecture = fields.String(load_default="")
    city = fields.String(load_default="")
    street = fields.String(load_default="")
    building = fields.String(load_default="")


class WorkplaceSchema(Schema):
    name = fields.String(load_default="")
    postal_code = fields.String(load_default="")
    address = fields.String(load_default="")
    phone = fields.String(load_default="")


class ApplicantSchema(Schema):
    name = fields.Nested(NameSchema, required=True)
    date_of_birth = fields.String(load_default="", metadata={"example": "1990-05-01"})
    sex = fields.String(load_default="", metadata={"description": "male | female | unspecified, optional"})
    name_while_enrolled = fields.Nested(NameSchema, load_default=None, allow_none=True)
    enrollment = fields.Nested(EnrollmentSchema, required=True)
    address = fields.Nested(AddressSchema, required=True)
    home_phone = fields.String(load_default="")
    mobile_phone = fields.String(load_default="")
    workplace = fields.Nested(WorkplaceSchema, load_default=None, allow_none=True)


class ImagesSchema(Schema):
    # Required by the rules of a registration, not by the shape: an additional student number
    # needs no identity document (rule 14).
    front = fields.String(load_default=None, allow_none=True,
                          metadata={"description": "base64 (a data: URL prefix is tolerated)"})
    back = fields.String(load_default=None, allow_none=True)


class ApplicationFormSchema(Schema):
    tenant_id = fields.String(required=True)
    applicant = fields.Nested(ApplicantSchema, required=True)
    document_type = fields.String(load_default="", metadata={
        "description": "drivers_license | my_number_card | passport | health_insurance_card | residence_card | "
                       "other (or the Japanese label); required for a registration"})
    images = fields.Nested(ImagesSchema, load_default=dict)


class ApplicationCheckSchema(ApplicationFormSchema):
    kind = fields.String(load_default="registration", validate=validate.OneOf(["registration", "student_number"]))


class ResubmissionSchema(ApplicationFormSchema):
    tenant_id = fields.String(load_default="")
    token = fields.String(load_default="", metadata={
        "description": "the re-application link's token (registration)"})
    applicant_key = fields.String(load_default="", metadata={
        "description": "the signed-in account's id (student number)"})


class ResubmissionLinkSchema(Schema):
    tenant_id = fields.String(required=True, validate=validate.Length(min=1))
    token = fields.String(required=True, validate=validate.Length(min=1, max=200))


class DecisionSchema(Schema):
    # Who decides is the assertion's staff member (ADR 0019); a staff_id field is refused as unknown.
    decision = fields.String(required=True, validate=validate.OneOf(["approve", "reject", "return"]))
    reason = fields.String(load_default="")
    student_number = fields.String(load_default="")


class ProfileChangeSchema(Schema):
    # The assertion names the tenant; one named here must be the same (ADR 0019).
    tenant_id = fields.String(load_default=None)
    changes = fields.Dict(keys=fields.String(), required=True)


def base64_field(encoded: str, field: str) -> bytes:
    """The bytes of a base64 field; a 400 naming the field when it is not base64."""
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidInput.one("image_not_base64", field) from None


def images_of(form: dict[str, Any]) -> dict[str, bytes]:
    """The uploads decoded from base64; a 400 naming the side that is not base64."""
    decoded: dict[str, bytes] = {}
    for side, value in form["images"].items():
        if not value:
            continue
        # A data: URL's payload follows its first comma. Without one it is no data URL, and the
        # whole value, which is not base64 either, gets the field's error.
        header, comma, payload = value.partition(",")
        encoded = payload if header.startswith("data:") and comma else value
        decoded[side] = base64_field(encoded, f"images.{side}")
    return decoded
