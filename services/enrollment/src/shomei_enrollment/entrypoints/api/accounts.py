"""Internal API for the gateway: a logged-in graduate's student-number links and personal data."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from shomei_enrollment.entrypoints.api import enrollment
from shomei_enrollment.entrypoints.schemas import ApplicationFormSchema, ProfileChangeSchema, images_of
from shomei_enrollment.service_layer import graduates
from shomei_enrollment.service_layer.commands import ChangeProfile, RequestStudentNumberLink
from shomei_shared.errors import InvalidInput
from shomei_shared.web.api import load_body


def install(internal: Blueprint) -> None:
    @internal.post("/accounts/<account_id>/student-number-applications")
    def apply_for_student_number(account_id: str) -> tuple[Response, int]:
        """Apply to link an additional student number to this account (学籍番号追加登録, rule 14).
        ---
        post:
          summary: Student-number link application
          security: [{internal: []}]
          parameters: [{name: account_id, in: path, required: true, schema: {type: string}}]
          requestBody: {content: {application/json: {schema: ApplicationFormSchema}}}
          responses:
            201: {description: "{application_id, status}"}
            400: {description: "field errors (ja/en)"}
            404: {description: "no graduate with this account in this tenant"}
        """
        form = load_body(ApplicationFormSchema())
        application_id = enrollment().handle(RequestStudentNumberLink(
            account_id=account_id, tenant_id=form["tenant_id"], applicant=form["applicant"],
            document_type=form["document_type"], images=images_of(form)))
        return jsonify(application_id=application_id, status="submitted"), 201

    @internal.get("/accounts/<account_id>/profile")
    def read_profile(account_id: str) -> Response:
        """The graduate's personal data and linked student numbers (個人情報設定).
        ---
        get:
          summary: Profile
          security: [{internal: []}]
          parameters:
            - {name: account_id, in: path, required: true, schema: {type: string}}
            - {name: tenant_id, in: query, required: true, schema: {type: string}}
          responses:
            200: {description: "{graduate_id, email, profile, student_numbers}"}
            404: {description: "no graduate with this account in this tenant"}
        """
        tenant_id = request.args.get("tenant_id", "")
        if not tenant_id:
            raise InvalidInput.one("required", "tenant_id")
        return jsonify(graduates.profile_of(account_id, tenant_id, enrollment().uow()))

    @internal.post("/accounts/<account_id>/profile-checks")
    def check_profile_change(account_id: str) -> Response:
        """Check a personal-data change without storing it; the confirmation screen shows the result.
        ---
        post:
          summary: Validate and normalise a profile change; nothing is stored
          security: [{internal: []}]
          parameters: [{name: account_id, in: path, required: true, schema: {type: string}}]
          requestBody: {content: {application/json: {schema: ProfileChangeSchema}}}
          responses:
            200: {description: "{profile}: the whole profile as the change would leave it"}
            400: {description: "field errors (ja/en)"}
            404: {description: "no graduate with this account in this tenant"}
        """
        body = load_body(ProfileChangeSchema())
        service = enrollment()
        return jsonify(profile=graduates.check_profile_change(account_id, body["tenant_id"], body["changes"],
                                                              service.uow(), service.dependencies["deps"]))

    @internal.patch("/accounts/<account_id>/profile")
    def change_profile(account_id: str) -> Response:
        """Change personal data (個人情報変更): name, sex, address, phones, workplace.
        ---
        patch:
          summary: Change profile
          security: [{internal: []}]
          parameters: [{name: account_id, in: path, required: true, schema: {type: string}}]
          requestBody: {content: {application/json: {schema: ProfileChangeSchema}}}
          responses:
            200: {description: "{changed: [field names]}"}
            400: {description: "field errors (ja/en)"}
            404: {description: "no graduate with this account in this tenant"}
        """
        body = load_body(ProfileChangeSchema())
        changed = enrollment().handle(ChangeProfile(account_id=account_id, tenant_id=body["tenant_id"],
                                                     changes=body["changes"]))
        return jsonify(changed=changed)
