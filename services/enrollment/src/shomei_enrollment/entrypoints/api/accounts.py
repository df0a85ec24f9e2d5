"""Internal API for the gateway: a logged-in graduate's student-number links and personal data.

The graduate is the one identity's assertion names (ADR 0019): account and tenant come from it,
never from the path; a body that names another tenant is refused."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from shomei_enrollment.entrypoints.api import enrollment
from shomei_enrollment.entrypoints.schemas import ApplicationFormSchema, ProfileChangeSchema, images_of
from shomei_enrollment.service_layer import graduates
from shomei_enrollment.service_layer.commands import ChangeProfile, RequestStudentNumberLink
from shomei_shared.web.api import load_body
from shomei_shared.web.trust import callers, current_actor, same_tenant


def install(internal: Blueprint) -> None:
    @internal.post("/account/student-number-applications")
    @callers("gateway", acting="graduate")
    def apply_for_student_number() -> tuple[Response, int]:
        """Apply to link an additional student number to this account (学籍番号追加登録, rule 14).
        ---
        post:
          summary: Student-number link application
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: ApplicationFormSchema}}}
          responses:
            201: {description: "{application_id, status}"}
            400: {description: "field errors (ja/en)"}
            404: {description: "no graduate with this account in this tenant"}
        """
        form = load_body(ApplicationFormSchema())
        application_id = enrollment().handle(RequestStudentNumberLink(
            account_id=current_actor().subject_id, tenant_id=same_tenant(form["tenant_id"]),
            applicant=form["applicant"], document_type=form["document_type"], images=images_of(form)))
        return jsonify(application_id=application_id, status="submitted"), 201

    @internal.get("/account/profile")
    @callers("gateway", acting="graduate")
    def read_profile() -> Response:
        """The graduate's personal data and linked student numbers (個人情報設定).
        ---
        get:
          summary: Profile
          security: [{internal: []}]
          responses:
            200: {description: "{graduate_id, email, profile, student_numbers, enrollments (status, programme)}"}
            404: {description: "no graduate with this account in this tenant"}
        """
        actor = current_actor()
        return jsonify(graduates.profile_of(actor.subject_id, actor.tenant_id, enrollment().uow()))

    @internal.post("/account/profile-checks")
    @callers("gateway", acting="graduate")
    def check_profile_change() -> Response:
        """Check a personal-data change without storing it; the confirmation screen shows the result.
        ---
        post:
          summary: Validate and normalise a profile change; nothing is stored
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: ProfileChangeSchema}}}
          responses:
            200: {description: "{profile}: the whole profile as the change would leave it"}
            400: {description: "field errors (ja/en)"}
            404: {description: "no graduate with this account in this tenant"}
        """
        body = load_body(ProfileChangeSchema())
        service = enrollment()
        return jsonify(profile=graduates.check_profile_change(
            current_actor().subject_id, same_tenant(body["tenant_id"]), body["changes"], service.uow(),
            service.dependencies["deps"]))

    @internal.patch("/account/profile")
    @callers("gateway", acting="graduate")
    def change_profile() -> Response:
        """Change personal data (個人情報変更): name, sex, address, phones, workplace.
        ---
        patch:
          summary: Change profile
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: ProfileChangeSchema}}}
          responses:
            200: {description: "{changed: [field names]}"}
            400: {description: "field errors (ja/en)"}
            404: {description: "no graduate with this account in this tenant"}
        """
        body = load_body(ProfileChangeSchema())
        changed = enrollment().handle(ChangeProfile(account_id=current_actor().subject_id,
                                                     tenant_id=same_tenant(body["tenant_id"]), changes=body["changes"]))
        return jsonify(changed=changed)
