"""Internal API for the admin console: catalogue, review queue, decided applications, detail,
decisions, history, import.

The console calls on behalf of a staff member: tenant, staff id and roles come from identity's
assertion (ADR 0019), never from the path or the body; an application of another tenant answers
404, as if it did not exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from flask import Blueprint, Response, jsonify, request

from shomei_enrollment.entrypoints.api import enrollment
from shomei_enrollment.entrypoints.messages import CATALOGUE
from shomei_enrollment.entrypoints.schemas import DecisionSchema
from shomei_enrollment.service_layer import queries
from shomei_enrollment.service_layer.commands import DecideApplication, ImportAlumniRecords
from shomei_enrollment.service_layer.csv_files import RowProblem
from shomei_shared.errors import InvalidInput
from shomei_shared.web.api import load_body
from shomei_shared.web.i18n import request_language
from shomei_shared.web.trust import callers, current_actor

MAX_CSV_MEGABYTES = 10
MAX_CSV_BYTES = MAX_CSV_MEGABYTES * 1024 * 1024



def csv_upload(field: str) -> bytes:
    """The bytes of the multipart file `field`, bounded; InvalidInput at `field` otherwise."""
    upload = request.files.get(field)
    if upload is None:
        raise InvalidInput.one("csv_file_required", field)
    content: bytes = upload.read(MAX_CSV_BYTES + 1)
    if len(content) > MAX_CSV_BYTES:
        raise InvalidInput.one("csv_file_too_large", field, max_mb=MAX_CSV_MEGABYTES)
    return content


def problems_json(problems: Sequence[RowProblem]) -> list[dict[str, object]]:
    """Each problem at its file, row and column, worded in the request's language."""
    language = request_language()
    return [{"file": p.file, "row": p.row, "field": p.violation.field,
             "reason": CATALOGUE.sentence(p.violation, language)} for p in problems]


def install(internal: Blueprint) -> None:
    @internal.get("/tenants/<tenant_id>/catalogue")
    @callers("gateway", "admin")
    def catalogue(tenant_id: str) -> Response:
        """The tenant's universities, faculties and departments, for the application form's lists.
        ---
        get:
          summary: Tenant catalogue
          security: [{internal: []}]
          parameters: [{name: tenant_id, in: path, required: true, schema: {type: string}}]
          responses: {200: {description: "universities with faculties and departments (ja/en names)"}}
        """
        with enrollment().uow() as uow:
            return jsonify(asdict(uow.catalogues.catalogue(tenant_id)))

    @internal.get("/staff/review-queue")
    @callers("admin", acting="staff")
    def review_queue() -> Response:
        """Applications awaiting review, soonest due first, with overdue flags and possible duplicates.
        ---
        get:
          summary: Review queue
          security: [{internal: []}]
          responses:
            200:
              description: >-
                {applications: [...]} with email, due_at (UTC), overdue and possible_duplicates
                [{id, status, name_kanji, email, reasons: same_email | same_name_and_birth_date}]
                among the tenant's open and recently decided applications
        """
        service = enrollment()
        return jsonify(applications=queries.review_queue(current_actor().tenant_id, service.uow(),
                                                         service.dependencies["deps"]))

    @internal.get("/staff/decided-applications")
    @callers("admin", acting="staff")
    def decided_applications() -> Response:
        """The tenant's decided applications, newest decision first, filtered, searched and paged.
        ---
        get:
          summary: Decided applications
          security: [{internal: []}]
          parameters:
            - {name: decision, in: query, schema: {type: string, enum: [approved, rejected, returned]}}
            - {name: kind, in: query, schema: {type: string, enum: [registration, student_number]}}
            - {name: from, in: query, description: "first JST day decided", schema: {type: string, format: date}}
            - {name: to, in: query, description: "last JST day decided", schema: {type: string, format: date}}
            - name: q
              in: query
              description: "within names (kanji, kana, romaji), e-mail, student number"
              schema: {type: string}
            - {name: page, in: query, schema: {type: integer, minimum: 1, maximum: 100000}}
            - {name: per_page, in: query, schema: {type: integer, minimum: 1, maximum: 200}}
          responses:
            200: {description: "{applications: [...], total, page, per_page}"}
            400: {description: "field errors (decision, kind, from, to, q, page, per_page)"}
        """
        search = queries.decided_search(request.args)
        return jsonify(queries.decided_applications(current_actor().tenant_id, search, enrollment().uow()))

    @internal.get("/staff/applications/<application_id>")
    @callers("admin", acting="staff")
    def application_detail(application_id: str) -> Response:
        """Everything staff need to decide, with alumni match suggestions.
        ---
        get:
          summary: Application detail with alumni matches
          security: [{internal: []}]
          parameters:
            - {name: application_id, in: path, required: true, schema: {type: string}}
          responses:
            200:
              description: >-
                applicant data, documents, due time, overdue, matches [{score, fields, record}],
                possible_duplicates as in the review queue
            404: {description: "no such application in this tenant"}
        """
        service = enrollment()
        deps = service.dependencies["deps"]
        return jsonify(queries.application_detail(application_id, current_actor().tenant_id, service.uow(), deps))

    @internal.get("/staff/applications/<application_id>/documents/<document_id>")
    @callers("admin", acting="staff")
    def document_image(application_id: str, document_id: str) -> Response:
        """The re-encoded identity document image.
        ---
        get:
          summary: Identity document image
          security: [{internal: []}]
          parameters:
            - {name: application_id, in: path, required: true, schema: {type: string}}
            - {name: document_id, in: path, required: true, schema: {type: string}}
          responses:
            200: {description: "image/jpeg or image/png", content: {image/jpeg: {}, image/png: {}}}
            404: {description: "no such image in this tenant"}
        """
        document = queries.document_image(application_id, document_id, current_actor().tenant_id,
                                         enrollment().uow())
        response = Response(bytes(document["content"]), mimetype=document["media_type"])
        # Personal data: never cached by a proxy or the browser, never sniffed as something else.
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Disposition"] = f'inline; filename="{document_id}"'
        return response

    @internal.post("/staff/applications/<application_id>/decision")
    @callers("admin", acting="staff", role="reviewer")
    def decide(application_id: str) -> Response:
        """Approve, reject, or return for re-application (with a reason).
        ---
        post:
          summary: Decide an application
          security: [{internal: []}]
          parameters:
            - {name: application_id, in: path, required: true, schema: {type: string}}
          requestBody: {content: {application/json: {schema: DecisionSchema}}}
          responses:
            200: {description: "{application_id, status}"}
            400: {description: "field errors (reason, student_number)"}
            404: {description: "no such application in this tenant"}
            409: {description: "not awaiting review"}
        """
        body = load_body(DecisionSchema())
        service = enrollment()
        actor = current_actor()
        service.handle(DecideApplication(application_id=application_id, tenant_id=actor.tenant_id,
                                         staff_id=actor.subject_id, **body))
        with service.uow() as uow:
            row = uow.applications.get(application_id)
        assert row is not None
        return jsonify(application_id=application_id, status=row["status"], graduate_id=row["graduate_id"])

    @internal.get("/staff/applications/<application_id>/history")
    @callers("admin", acting="staff")
    def history(application_id: str) -> Response:
        """Who did what, when, from the application's event log.
        ---
        get:
          summary: Application history
          security: [{internal: []}]
          parameters:
            - {name: application_id, in: path, required: true, schema: {type: string}}
          responses:
            200: {description: "{history: [{type, occurred_at, actor_kind, actor_id, reason}]}"}
            404: {description: "no such application in this tenant"}
        """
        return jsonify(history=queries.application_history(application_id, current_actor().tenant_id,
                                                               enrollment().uow()))

    @internal.post("/staff/alumni-imports")
    @callers("admin", acting="staff", role="registrar")
    def import_alumni() -> tuple[Response, int]:
        """Import alumni records from CSV (UTF-8 or Shift_JIS), as multipart `file`.
        ---
        post:
          summary: Alumni CSV import
          security: [{internal: []}]
          requestBody:
            content:
              multipart/form-data:
                schema:
                  type: object
                  properties: {file: {type: string, format: binary}}
          responses:
            200: {description: "{encoding, created, updated, unchanged, rejected_rows, problems[{row, field, reason}]}"}
            400: {description: "no file, unreadable encoding or missing header columns"}
        """
        content = csv_upload("file")
        report = enrollment().handle(ImportAlumniRecords(tenant_id=current_actor().tenant_id,
                                                         staff_id=current_actor().subject_id, content=content))
        return jsonify(encoding=report.encoding, created=report.created, updated=report.updated,
                       unchanged=report.unchanged, rejected_rows=report.rejected_rows,
                       problems=[{"row": p["row"], "field": p["field"], "reason": p["reason"]}
                                 for p in problems_json(report.problems)]), 200
