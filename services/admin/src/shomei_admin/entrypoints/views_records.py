"""Academic records (成績・学位の記録), imported by registrars from two CSV files as alumni records
are, and each student number's versions."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from shomei_admin.entrypoints.forms import RecordLookupForm, RecordsImportForm
from shomei_admin.entrypoints.staff import requires, reviews, staff
from shomei_admin.service_layer.ports import AcademicRecordHistory, RecordsImportReport, UpstreamError

records = Blueprint("records", __name__)
FILES = {"records": "記録ファイル", "courses": "科目ファイル"}


@records.route("/records/import", methods=["GET", "POST"])
@requires("registrar")
def import_records() -> tuple[str, int]:
    form = RecordsImportForm()
    report: RecordsImportReport | None = None
    if form.validate_on_submit():
        try:
            report = reviews().import_academic_records(staff(), form.records.data.read(), form.courses.data.read())
        except UpstreamError as error:
            if error.status != 400:
                raise
            for name, reason in error.errors.items():
                field = getattr(form, name, None)
                if field is not None and name in FILES:
                    field.errors = [*field.errors, reason]
                else:
                    form.form_errors.append(reason)
    status = 400 if form.errors or form.form_errors else 200
    return render_template("records_import.html", form=form, report=report, files=FILES), status


@records.get("/records/history")
@requires("registrar")
def history() -> tuple[str, int]:
    form = RecordLookupForm(request.args)
    found: AcademicRecordHistory | None = None
    searched = "student_number" in request.args and form.validate()
    if searched:
        found = reviews().academic_record(staff(), (form.student_number.data or "").strip())
    status = 404 if searched and found is None else (400 if form.errors else 200)
    return render_template("record_history.html", form=form, found=found, searched=searched), status
