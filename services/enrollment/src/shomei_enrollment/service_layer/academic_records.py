"""Reading academic records: for print-gateway, the record of one approved student number of an
account with the university's issuer details (docs/adr/0031); for registrars, a record's versions."""

from __future__ import annotations

import base64
from datetime import date
from decimal import Decimal
from typing import Any

from shomei_enrollment.domain.applicant import STATUS_LABELS_JA, EnrollmentStatus
from shomei_enrollment.domain.catalogue import PROGRAMME_NAMES_JA, Catalogue
from shomei_enrollment.service_layer.ports import EnrollmentUnitOfWork, Row
from shomei_shared.errors import NotFound

RECORD_DATES = ("admitted_on", "graduated_on", "withdrawn_on", "expected_graduation_on")


def record_not_found() -> NotFound:
    # One answer for every reason (no such account, tenant, link or record): a caller learns
    # nothing about numbers it may not ask for.
    return NotFound.one("record_not_found", "student_number")


def record_for_print(tenant_id: str, account_id: str, student_number: str, uow: EnrollmentUnitOfWork) -> dict[str, Any]:
    """{record, issuer} when `student_number` is an approved number of `account_id` in `tenant_id`."""
    with uow:
        graduate = uow.graduates.by_account(account_id)
        if (graduate is None or graduate["tenant_id"] != tenant_id
                or student_number not in uow.graduates.student_numbers(graduate["id"])):
            raise record_not_found()
        alumni = uow.alumni.by_numbers(tenant_id, [student_number]).get(student_number)
        record = uow.academic_records.record(tenant_id, student_number)
        profile = uow.tenants.profile(tenant_id)
        if alumni is None or record is None or profile is None:
            raise record_not_found()
        seal = uow.tenants.seal(tenant_id)
        catalogue = uow.catalogues.catalogue(tenant_id)
    return {"record": _record(alumni, record, catalogue), "issuer": _issuer(tenant_id, profile, seal)}


def _record(alumni: Row, record: Row, catalogue: Catalogue) -> dict[str, Any]:
    university, faculty_code = alumni["university_code"], alumni["faculty_code"]
    faculty = catalogue.faculty(university, faculty_code)
    departments = faculty.departments if faculty else ()
    department = next((d for d in departments if d.code == alumni["department_code"]), None)
    return {
        "student_number": alumni["student_number"], "name_kanji": alumni["name_kanji"],
        "name_romaji": record["name_romaji"], "birth_date": _day(alumni["date_of_birth"]),
        "status": STATUS_LABELS_JA[EnrollmentStatus(alumni["status"])],
        "programme": PROGRAMME_NAMES_JA[catalogue.programme_of(university, faculty_code)],
        "faculty_ja": faculty.name_ja if faculty else "", "faculty_en": faculty.name_en if faculty else "",
        "department_ja": department.name_ja if department else "",
        "department_en": department.name_en if department else "",
        "degree_ja": record["degree_ja"], "degree_en": record["degree_en"],
        **{name: _day(record[name]) for name in RECORD_DATES},
        "courses": [{"term": c["term"], "code": c["code"], "title_ja": c["title_ja"], "title_en": c["title_en"],
                     "credits": _decimal(c["credits"]), "grade": c["grade"]} for c in record["courses"]],
        "total_credits": _decimal(record["total_credits"]), "gpa": _gpa(record["gpa"]),
    }


def _issuer(tenant_id: str, profile: Row, seal: Row | None) -> dict[str, Any]:
    return {"tenant_id": tenant_id, "university_ja": profile["name_ja"], "university_en": profile["name_en"],
            **{name: profile[name] for name in ("president_title_ja", "president_title_en", "president_name_ja",
                                                "president_name_en")},
            "seal_png_base64": base64.b64encode(bytes(seal["content"])).decode() if seal else None}


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _gpa(value: Decimal | None) -> str:
    """Two places as stored ("3.10"); "" where no course was graded."""
    return "" if value is None else str(value)


def _decimal(value: Decimal) -> str:
    """Credits as text, never floats: "124", "1.5"."""
    return str(value.quantize(Decimal(1))) if value == value.to_integral_value() else str(value.normalize())


def record_history(tenant_id: str, student_number: str, uow: EnrollmentUnitOfWork) -> dict[str, Any]:
    """The record as it is now (its courses counted) and every version, newest first."""
    with uow:
        record = uow.academic_records.record(tenant_id, student_number)
        if record is None:
            raise record_not_found()
        stored = uow.events.load(record["id"])
    versions = [{"version": e.payload["record_version"], "occurred_at": e.occurred_at,
                 "staff_id": e.payload["staff_id"], "import_id": e.payload["import_id"],
                 "courses": e.payload["courses"]} for e in reversed(stored)]
    return {"student_number": student_number, "version": record["version"],
            "total_credits": _decimal(record["total_credits"]), "gpa": _gpa(record["gpa"]),
            "courses": len(record["courses"]), "versions": versions}


