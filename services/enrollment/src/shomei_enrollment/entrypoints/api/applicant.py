"""Internal API for the gateway: the applicant's side (submit, confirm, resubmit).

No signed-in person acts here (ADR 0019): an applicant proves itself by what only it holds, the
verified registration's id or the applicant key, never by the gateway's word."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request

from shomei_enrollment.domain.application import Kind
from shomei_enrollment.entrypoints.api import enrollment
from shomei_enrollment.entrypoints.schemas import (
    ApplicationCheckSchema,
    ApplicationFormSchema,
    ResubmissionLinkSchema,
    ResubmissionSchema,
    images_of,
)
from shomei_enrollment.service_layer import queries, resubmission_links, submission
from shomei_enrollment.service_layer.commands import RedeemSecret, ResubmitApplication, SubmitApplication
from shomei_shared.errors import InvalidInput
from shomei_shared.web.api import load_body
from shomei_shared.web.secret_redemption import install_secret_redemption
from shomei_shared.web.trust import callers


def install(internal: Blueprint) -> None:
    @internal.post("/application-checks")
    @callers("gateway")
    def check_application() -> Response:
        """Check an application form without storing it; the confirmation screen shows the result.
        ---
        post:
          summary: Validate and normalise an application form; nothing is stored
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: ApplicationCheckSchema}}}
          responses:
            200: {description: "normalised applicant data, document type and image sizes"}
            400: {description: "field errors (ja/en)"}
        """
        form = load_body(ApplicationCheckSchema())
        service = enrollment()
        return jsonify(submission.check_application(form["tenant_id"], form["applicant"], form["document_type"],
                                                    images_of(form), service.uow(), service.dependencies["deps"],
                                                    Kind(form["kind"])))

    @internal.post("/registrations/<registration_id>/application")
    @callers("gateway")
    def submit_application(registration_id: str) -> tuple[Response, int]:
        """Submit the application of a verified registration (申請).
        ---
        post:
          summary: Submit the registration application; images as base64 in JSON
          security: [{internal: []}]
          parameters: [{name: registration_id, in: path, required: true, schema: {type: string}}]
          requestBody: {content: {application/json: {schema: ApplicationFormSchema}}}
          responses:
            201: {description: "{application_id, status}"}
            400: {description: "field errors (ja/en)"}
            404: {description: "no verified registration of this tenant"}
            409: {description: "already submitted"}
        """
        form = load_body(ApplicationFormSchema())
        application_id = enrollment().handle(SubmitApplication(
            registration_id=registration_id, tenant_id=form["tenant_id"], applicant=form["applicant"],
            document_type=form["document_type"], images=images_of(form)))
        return jsonify(application_id=application_id, status="submitted"), 201

    @internal.get("/applications/<application_id>")
    @callers("gateway")
    def get_application(application_id: str) -> Response:
        """The application as its applicant sees it (申請受付, and before correcting it).
        ---
        get:
          summary: An application for its applicant
          security: [{internal: []}]
          parameters:
            - {name: application_id, in: path, required: true, schema: {type: string}}
            - {name: applicant_key, in: query, required: true, schema: {type: string},
               description: "registration id, or account id for a student-number application"}
          responses:
            200: {description: "status, applicant data, document type, images (ids), decision reason"}
            404: {description: "no such application for this applicant"}
        """
        key = request.args.get("applicant_key", "")
        if not key:
            raise InvalidInput.one("required", "applicant_key")
        return jsonify(_for_applicant(queries.application_for_applicant(application_id, key, enrollment().uow())))

    @internal.post("/resubmission-links/open")
    @callers("gateway")
    def open_resubmission_link() -> Response:
        """The returned application a re-application link opens (再申請 starts here); the link
        stays unused until the resubmission it authorises.
        ---
        post:
          summary: Open a re-application link
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: ResubmissionLinkSchema}}}
          responses:
            200: {description: "id, status, applicant data, document type, images (ids), decision reason"}
            400: {description: "token: invalid (unknown, another university's), used, or expired"}
        """
        body = load_body(ResubmissionLinkSchema())
        service = enrollment()
        found = resubmission_links.open_link(body["tenant_id"], body["token"], service.uow(),
                                             service.dependencies["deps"])
        return jsonify(_for_applicant(found))

    # The notifier redeems the sealed re-application link of a 'returned' mail.
    install_secret_redemption(internal, RedeemSecret)

    @internal.put("/applications/<application_id>/resubmission")
    @callers("gateway")
    def resubmit_application(application_id: str) -> Response:
        """Correct and resubmit an application returned for re-application (再申請).
        ---
        put:
          summary: Resubmit a returned application
          security: [{internal: []}]
          parameters: [{name: application_id, in: path, required: true, schema: {type: string}}]
          requestBody: {content: {application/json: {schema: ResubmissionSchema}}}
          responses:
            200: {description: "{application_id, status}"}
            400: {description: "field errors (ja/en)"}
            404: {description: "no such application for this applicant"}
            409: {description: "not returned for re-application"}
        """
        form = load_body(ResubmissionSchema())
        enrollment().handle(ResubmitApplication(
            application_id=application_id, applicant_key=form["applicant_key"], applicant=form["applicant"],
            document_type=form["document_type"], images=images_of(form), token=form["token"]))
        return jsonify(application_id=application_id, status="submitted")


def _for_applicant(detail: dict[str, Any]) -> dict[str, Any]:
    """Staff-only columns (due time, the graduate made from it) are not the applicant's business."""
    hidden = {"due_at", "graduate_id", "decided_at"}
    return {k: v for k, v in detail.items() if k not in hidden}
