"""Enrollment's record endpoint, called with print-gateway's own credential on the order's behalf
(no person acts: the consumer issues), and a fake that answers as the endpoint is specified:
`GET /internal/tenants/<tenant>/accounts/<account>/records/<student_number>` answers the record only
when that student number is an approved number of that account in that tenant; otherwise 404
`record_not_found` (ADR 0032)."""

from __future__ import annotations

import base64
from datetime import date
from typing import Any
from urllib.parse import quote

from shomei_print_gateway.domain.certificate import AcademicRecord, Course, Issuer
from shomei_print_gateway.service_layer.ports import RecordNotFound
from shomei_shared.web.client import InternalClient, ServiceError


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def record_from(body: dict[str, Any]) -> tuple[AcademicRecord, Issuer]:
    record, issuer = body["record"], body["issuer"]
    courses = tuple(Course(term=c["term"], code=c["code"], title_ja=c["title_ja"], title_en=c["title_en"],
                           credits=str(c["credits"]), grade=c["grade"]) for c in record.get("courses") or [])
    birth_date = _date(record["birth_date"])
    if birth_date is None:
        raise ValueError("a record without a birth date")
    academic = AcademicRecord(
        student_number=record["student_number"], name_kanji=record["name_kanji"], name_romaji=record["name_romaji"],
        birth_date=birth_date, status=record["status"], programme=record["programme"],
        faculty_ja=record["faculty_ja"], faculty_en=record["faculty_en"], department_ja=record["department_ja"],
        department_en=record["department_en"], degree_ja=record.get("degree_ja") or "",
        degree_en=record.get("degree_en") or "", admitted_on=_date(record.get("admitted_on")),
        graduated_on=_date(record.get("graduated_on")), withdrawn_on=_date(record.get("withdrawn_on")),
        expected_graduation_on=_date(record.get("expected_graduation_on")), courses=courses,
        total_credits=str(record.get("total_credits") or ""), gpa=str(record.get("gpa") or ""))
    seal = issuer.get("seal_png_base64")
    return academic, Issuer(
        tenant_id=issuer["tenant_id"], university_ja=issuer["university_ja"], university_en=issuer["university_en"],
        president_title_ja=issuer["president_title_ja"], president_title_en=issuer["president_title_en"],
        president_name_ja=issuer["president_name_ja"], president_name_en=issuer["president_name_en"],
        seal_png=base64.b64decode(seal) if seal else None)


class HttpAcademicRecords:
    def __init__(self, client: InternalClient) -> None:
        self._client = client

    def record_of(self, tenant_id: str, account_id: str, student_number: str) -> tuple[AcademicRecord, Issuer]:
        path = "/internal/tenants/{}/accounts/{}/records/{}".format(
            *(quote(part, safe="") for part in (tenant_id, account_id, student_number)))
        try:
            body = self._client.call("GET", path)
        except ServiceError as error:
            if error.status == 404:
                raise RecordNotFound(student_number) from None
            raise
        return record_from(body)


class FakeAcademicRecords:
    """Records by (tenant, account, student number): only an approved number answers."""

    def __init__(self) -> None:
        self.records: dict[tuple[str, str, str], tuple[AcademicRecord, Issuer]] = {}

    def add(self, tenant_id: str, account_id: str, record: AcademicRecord, issuer: Issuer) -> None:
        self.records[(tenant_id, account_id, record.student_number)] = (record, issuer)

    def record_of(self, tenant_id: str, account_id: str, student_number: str) -> tuple[AcademicRecord, Issuer]:
        found = self.records.get((tenant_id, account_id, student_number))
        if found is None:
            raise RecordNotFound(student_number)
        return found
