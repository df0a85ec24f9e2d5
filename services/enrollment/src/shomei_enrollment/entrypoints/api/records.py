"""Internal API of academic records: registrars import them through the console (as they import
alumni records); print-gateway reads the record of an order's student number (docs/adr/0031)."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from shomei_enrollment.entrypoints.api import enrollment
from shomei_enrollment.entrypoints.api.staff import csv_upload, problems_json
from shomei_enrollment.service_layer import academic_records
from shomei_enrollment.service_layer.commands import ImportAcademicRecords
from shomei_shared.errors import NotFound
from shomei_shared.web.trust import callers, current_actor


def install(internal: Blueprint) -> None:
    @internal.post("/staff/academic-record-imports")
    @callers("admin", acting="staff", role="registrar")
    def import_academic_records() -> tuple[Response, int]:
        """Import academic records from two CSV files (UTF-8 or Shift_JIS), as multipart `records`
        (one row per student number) and `courses` (one row per course).
        ---
        post:
          summary: Academic records CSV import
          security: [{internal: []}]
          requestBody:
            required: true
            content:
              multipart/form-data:
                schema:
                  type: object
                  required: [records, courses]
                  properties: {records: {type: string, format: binary}, courses: {type: string, format: binary}}
          responses:
            200:
              description: >-
                {encodings: {records, courses}, created, replaced, unchanged, rejected_student_numbers,
                problems[{file, row, field, reason}]}
            400: {description: "a file missing, unreadable or lacking header columns"}
        """
        records, courses = csv_upload("records"), csv_upload("courses")
        actor = current_actor()
        report = enrollment().handle(ImportAcademicRecords(tenant_id=actor.tenant_id, staff_id=actor.subject_id,
                                                           records=records, courses=courses))
        return jsonify(encodings=report.encodings, created=report.created, replaced=report.replaced,
                       unchanged=report.unchanged, rejected_student_numbers=report.rejected_student_numbers,
                       problems=problems_json(report.problems)), 200

    @internal.get("/staff/academic-records/<student_number>")
    @callers("admin", acting="staff", role="registrar")
    def academic_record_history(student_number: str) -> Response:
        """A student number's record now (credits, GPA, how many courses) and its versions.
        ---
        get:
          summary: Academic record and its history
          security: [{internal: []}]
          parameters: [{name: student_number, in: path, required: true, schema: {type: string}}]
          responses:
            200:
              description: >-
                {student_number, version, total_credits, gpa, courses,
                versions[{version, occurred_at, staff_id, import_id, courses}]}
            404: {description: "no record of this student number in this tenant"}
        """
        return jsonify(academic_records.record_history(current_actor().tenant_id, student_number,
                                                       enrollment().uow()))

    @internal.get("/tenants/<tenant_id>/accounts/<account_id>/records/<student_number>")
    @callers("print-gateway", acting="nobody")
    def record_for_print(tenant_id: str, account_id: str, student_number: str) -> Response | tuple[Response, int]:
        """The record of an order's student number and the university as it signs, for rendering
        its certificate. print-gateway calls on the order's behalf, from its consumer; only an
        approved student number of that account in that tenant is answered.
        ---
        get:
          summary: Academic record for a certificate
          security: [{internal: []}]
          parameters:
            - {name: tenant_id, in: path, required: true, schema: {type: string}}
            - {name: account_id, in: path, required: true, schema: {type: string}}
            - {name: student_number, in: path, required: true, schema: {type: string}}
          responses:
            200:
              description: >-
                {record: {student_number, name_kanji, name_romaji, birth_date, status, programme, faculty_ja,
                faculty_en, department_ja, department_en, degree_ja, degree_en, admitted_on, graduated_on,
                withdrawn_on, expected_graduation_on, courses[{term, code, title_ja, title_en, credits, grade}],
                total_credits, gpa}, issuer: {tenant_id, university_ja, university_en, president_title_ja,
                president_title_en, president_name_ja, president_name_en, seal_png_base64}};
                dates YYYY-MM-DD or null, decimals as strings
            404: {description: "{code: record_not_found}: not an approved number of this account in this tenant"}
        """
        try:
            found = academic_records.record_for_print(tenant_id, account_id, student_number, enrollment().uow())
        except NotFound:
            return jsonify(code="record_not_found"), 404
        response = jsonify(found)
        response.headers["Cache-Control"] = "no-store"  # personal data
        return response
