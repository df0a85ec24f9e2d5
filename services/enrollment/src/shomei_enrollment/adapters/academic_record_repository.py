"""Academic records and their courses in PostgreSQL, one record per (tenant, student number)."""

from __future__ import annotations

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.postgresql import insert

from shomei_enrollment.adapters.tables import academic_courses, academic_records
from shomei_enrollment.domain.academic_record import AcademicRecordData
from shomei_enrollment.service_layer.ports import Row, StoredRecord


class SqlAcademicRecordRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def current(self, tenant_id: str, student_numbers: list[str]) -> dict[str, StoredRecord]:
        rows = self._db.execute(select(academic_records.c.student_number, academic_records.c.id,
                                       academic_records.c.version, academic_records.c.digest)
                                .where(academic_records.c.tenant_id == tenant_id,
                                       academic_records.c.student_number.in_(student_numbers))).all()
        return {r.student_number: StoredRecord(r.id, r.version, r.digest) for r in rows}

    def save(self, tenant_id: str, record_id: str, version: int, data: AcademicRecordData, digest: str) -> None:
        """The record replaced whole: its row and every course."""
        record = data.record
        values = {"version": version, "name_romaji": record.name_romaji, "degree": record.degree,
                  "degree_ja": record.degree_ja, "degree_en": record.degree_en, "admitted_on": record.admitted_on,
                  "graduated_on": record.graduated_on, "withdrawn_on": record.withdrawn_on,
                  "expected_graduation_on": record.expected_graduation_on, "total_credits": data.total_credits,
                  "gpa": data.gpa, "digest": digest}
        statement = insert(academic_records).values(id=record_id, tenant_id=tenant_id,
                                                    student_number=record.student_number, **values)
        self._db.execute(statement.on_conflict_do_update(index_elements=["id"], set_=values))
        self._db.execute(delete(academic_courses).where(academic_courses.c.record_id == record_id))
        if data.courses:
            self._db.execute(insert(academic_courses), [
                {"record_id": record_id, "position": position, "term": c.term, "code": c.code, "title_ja": c.title_ja,
                 "title_en": c.title_en, "credits": c.credits, "grade": c.grade}
                for position, c in enumerate(data.courses)])

    def record(self, tenant_id: str, student_number: str) -> Row | None:
        """The record with its courses in the file's order, or None."""
        found = self._db.execute(select(academic_records).where(
            academic_records.c.tenant_id == tenant_id, academic_records.c.student_number == student_number)).first()
        if found is None:
            return None
        courses = self._db.execute(select(academic_courses).where(academic_courses.c.record_id == found.id)
                                   .order_by(academic_courses.c.position)).all()
        return {**found._mapping, "courses": [dict(c._mapping) for c in courses]}
