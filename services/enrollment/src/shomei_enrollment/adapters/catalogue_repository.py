"""Catalogues and review calendars in PostgreSQL."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, select
from sqlalchemy.dialects.postgresql import insert

from shomei_enrollment.adapters.tables import calendar_periods, departments, faculties, universities
from shomei_enrollment.domain.catalogue import Catalogue, Department, Faculty, University
from shomei_enrollment.domain.review_due import Period, ReviewCalendar


class SqlCatalogueRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def catalogue(self, tenant_id: str) -> Catalogue:
        where = universities.c.tenant_id == tenant_id
        unis = self._db.execute(select(universities).where(where).order_by(universities.c.code)).all()
        facs = self._db.execute(select(faculties).where(faculties.c.tenant_id == tenant_id)
                                .order_by(faculties.c.position, faculties.c.code)).all()
        deps = self._db.execute(select(departments).where(departments.c.tenant_id == tenant_id)
                                .order_by(departments.c.position, departments.c.code)).all()
        return Catalogue(tenant_id, tuple(
            University(u.code, u.name_ja, u.name_en, tuple(
                Faculty(f.code, f.name_ja, f.name_en, tuple(
                    Department(d.code, d.name_ja, d.name_en) for d in deps
                    if d.university_code == u.code and d.faculty_code == f.code), f.programme)
                for f in facs if f.university_code == u.code))
            for u in unis))

    def save_catalogue(self, catalogue: Catalogue) -> None:
        """Adds what is missing and renames what changed; removes nothing (records refer to it)."""
        tenant = catalogue.tenant_id
        for university in catalogue.universities:
            self._upsert(universities, ["tenant_id", "code"], tenant_id=tenant, code=university.code,
                         name_ja=university.name_ja, name_en=university.name_en)
            for position, faculty in enumerate(university.faculties):
                self._upsert(faculties, ["tenant_id", "university_code", "code"], tenant_id=tenant,
                             university_code=university.code, code=faculty.code, name_ja=faculty.name_ja,
                             name_en=faculty.name_en, position=position, programme=faculty.programme)
                for d_position, department in enumerate(faculty.departments):
                    self._upsert(departments, ["tenant_id", "university_code", "faculty_code", "code"],
                                 tenant_id=tenant, university_code=university.code, faculty_code=faculty.code,
                                 code=department.code, name_ja=department.name_ja, name_en=department.name_en,
                                 position=d_position)

    def review_calendar(self, tenant_id: str) -> ReviewCalendar:
        rows = self._db.execute(select(calendar_periods).where(calendar_periods.c.tenant_id == tenant_id)).all()
        periods = {kind: tuple(Period(r.first_day, r.last_day) for r in rows if r.kind == kind)
                   for kind in ("term", "closure")}
        return ReviewCalendar(terms=periods["term"], closures=periods["closure"])

    def add_calendar_period(self, tenant_id: str, kind: str, first: date, last: date, label: str) -> None:
        if kind not in ("term", "closure") or last < first:
            raise ValueError(f"bad calendar period {kind} {first}..{last}")
        self._db.execute(insert(calendar_periods).values(
            tenant_id=tenant_id, kind=kind, first_day=first, last_day=last, label=label).on_conflict_do_nothing())

    def _upsert(self, table: object, keys: list[str], **values: object) -> None:
        statement = insert(table).values(**values)  # type: ignore[arg-type]
        changes = {k: statement.excluded[k] for k in values if k not in keys}
        self._db.execute(statement.on_conflict_do_update(index_elements=keys, set_=changes))
