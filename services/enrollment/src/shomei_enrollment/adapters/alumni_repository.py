"""Alumni records in PostgreSQL, unique per (tenant, student number)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import Connection, func, or_, select, text, tuple_
from sqlalchemy.dialects.postgresql import insert

from shomei_enrollment.adapters.tables import alumni_records
from shomei_enrollment.domain.alumni import AlumniRecord
from shomei_enrollment.domain.matching import AlumniSummary
from shomei_enrollment.domain.text import kana_key
from shomei_enrollment.service_layer.ports import Row

_CANDIDATE_LIMIT = 50
_CHUNK = 1000
_DATA_COLUMNS = ("name_kanji", "name_kana", "kana_key", "date_of_birth", "university_code", "faculty_code",
                 "department_code", "graduation_year_month", "status")


class SqlAlumniRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def upsert(self, tenant_id: str, records: Sequence[AlumniRecord]) -> tuple[int, int]:
        """(created, updated); a row whose data is unchanged is left alone and counted in neither."""
        created = updated = 0
        for start in range(0, len(records), _CHUNK):  # PostgreSQL takes at most 65535 parameters
            new, changed = self._upsert_chunk(tenant_id, records[start:start + _CHUNK])
            created, updated = created + new, updated + changed
        return created, updated

    def _upsert_chunk(self, tenant_id: str, records: Sequence[AlumniRecord]) -> tuple[int, int]:
        statement = insert(alumni_records).values([{
            "id": str(uuid.uuid4()), "tenant_id": tenant_id, "student_number": r.student_number,
            "name_kanji": r.name_kanji, "name_kana": r.name_kana, "kana_key": kana_key(r.name_kana),
            "date_of_birth": r.date_of_birth, "university_code": r.university, "faculty_code": r.faculty,
            "department_code": r.department, "graduation_year_month": r.graduation_year_month,
            "status": r.status.value} for r in records])
        current = tuple_(*(alumni_records.c[c] for c in _DATA_COLUMNS))
        incoming = tuple_(*(statement.excluded[c] for c in _DATA_COLUMNS))
        upsert = statement.on_conflict_do_update(
            index_elements=["tenant_id", "student_number"],
            set_={**{c: statement.excluded[c] for c in _DATA_COLUMNS}, "updated_at": func.now()},
            where=current.is_distinct_from(incoming),
        ).returning(text("xmax = 0"))  # true for a new row, false for an updated one
        inserted = [row[0] for row in self._db.execute(upsert)]
        return sum(inserted), len(inserted) - sum(inserted)

    def by_numbers(self, tenant_id: str, student_numbers: Sequence[str]) -> dict[str, Row]:
        rows = self._db.execute(select(alumni_records).where(alumni_records.c.tenant_id == tenant_id,
                                                             alumni_records.c.student_number.in_(student_numbers))).all()
        return {r.student_number: dict(r._mapping) for r in rows}

    def candidates(self, tenant_id: str, student_number: str, date_of_birth: date,
                   kana_keys: Sequence[str]) -> list[AlumniSummary]:
        """Records sharing at least one field with the application; the domain scores them."""
        matches = [alumni_records.c.date_of_birth == date_of_birth, alumni_records.c.kana_key.in_(kana_keys)]
        if student_number:
            matches.append(func.upper(alumni_records.c.student_number) == student_number.upper())
        rows = self._db.execute(select(alumni_records).where(alumni_records.c.tenant_id == tenant_id, or_(*matches))
                                .order_by(alumni_records.c.student_number).limit(_CANDIDATE_LIMIT)).all()
        return [AlumniSummary(r.id, r.student_number, r.name_kanji, r.name_kana, r.date_of_birth) for r in rows]

