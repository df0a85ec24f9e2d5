"""`/api`: JSON for browsers (scripts on the applicant pages, and other clients later), behind
the same session cookie and language choice as the pages. Read-only so far, so CSRF does not
arise; a state-changing endpoint here must send the CSRF token in the X-CSRFToken header."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify
from marshmallow import Schema, fields

from shomei_gateway.entrypoints.auth import current_session
from shomei_gateway.entrypoints.views_common import enrollment, tenant
from shomei_shared.web.api import ApiError

api = Blueprint("api", __name__, url_prefix="/api")


class DepartmentSchema(Schema):
    code = fields.String(required=True, metadata={"description": "university/faculty/department"})
    name = fields.String(required=True)


class DepartmentGroupSchema(Schema):
    group = fields.String(required=True, metadata={"description": "university and faculty"})
    departments = fields.List(fields.Nested(DepartmentSchema), required=True)


class CatalogueSchema(Schema):
    groups = fields.List(fields.Nested(DepartmentGroupSchema), required=True)


class MeSchema(Schema):
    email = fields.Email(required=True)
    student_numbers = fields.List(fields.String(), required=True)


@api.get("/catalogue")
def catalogue() -> Response:
    """The departments an applicant chooses from, in the user's language.
    ---
    get:
      responses:
        200: {content: {application/json: {schema: CatalogueSchema}}}
    """
    groups = [{"group": label, "departments": [{"code": o.code, "name": o.name} for o in options]}
              for label, options in enrollment().catalogue(tenant()).groups]
    return jsonify(CatalogueSchema().dump({"groups": groups}))


@api.get("/me")
def me() -> Response:
    """The signed-in graduate: e-mail address and linked student numbers.
    ---
    get:
      responses:
        200: {content: {application/json: {schema: MeSchema}}}
        401: {description: not signed in}
    """
    account = current_session()
    if account is None:
        raise ApiError.one(401, "_session", "ログインしてください。", "Please log in.")
    numbers = enrollment().profile(account.account_id, tenant()).student_numbers
    return jsonify(MeSchema().dump({"email": account.email, "student_numbers": numbers}))
