"""Graduates (approved people, their accounts and personal data) and their student numbers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, select, update
from sqlalchemy.dialects.postgresql import insert

from shomei_enrollment.adapters.tables import graduate_student_numbers, graduates
from shomei_enrollment.service_layer.ports import Row


class SqlGraduateRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def create(self, graduate_id: str, tenant_id: str, application_id: str, email: str, locale: str,
               profile: Row) -> None:
        self._db.execute(insert(graduates).values(id=graduate_id, tenant_id=tenant_id, application_id=application_id,
                                                  email=email, locale=locale, profile=dict(profile)))

    def by_account(self, account_id: str) -> Row | None:
        row = self._db.execute(select(graduates).where(graduates.c.account_id == account_id)).first()
        return row._asdict() if row else None

    def by_application(self, application_id: str) -> Row | None:
        row = self._db.execute(select(graduates).where(graduates.c.application_id == application_id)).first()
        return row._asdict() if row else None

    def add_student_number(self, graduate_id: str, student_number: str, application_id: str,
                           linked_at: datetime | None) -> None:
        self._db.execute(insert(graduate_student_numbers).values(
            graduate_id=graduate_id, student_number=student_number, application_id=application_id,
            linked_at=linked_at).on_conflict_do_nothing())

    def student_numbers(self, graduate_id: str) -> list[str]:
        return list(self._db.scalars(select(graduate_student_numbers.c.student_number)
                                     .where(graduate_student_numbers.c.graduate_id == graduate_id)
                                     .order_by(graduate_student_numbers.c.student_number)))

    def student_number_applications(self, graduate_id: str) -> list[tuple[str, str]]:
        """(student number, the application that added it), by student number."""
        rows = self._db.execute(select(graduate_student_numbers.c.student_number,
                                       graduate_student_numbers.c.application_id)
                                .where(graduate_student_numbers.c.graduate_id == graduate_id)
                                .order_by(graduate_student_numbers.c.student_number))
        return [(row.student_number, row.application_id) for row in rows]

    def link_account(self, graduate_id: str, account_id: str, linked_at: datetime) -> None:
        self._db.execute(update(graduates).where(graduates.c.id == graduate_id)
                         .values(account_id=account_id, updated_at=func.now()))
        self._db.execute(update(graduate_student_numbers)
                         .where(graduate_student_numbers.c.graduate_id == graduate_id,
                                graduate_student_numbers.c.linked_at.is_(None))
                         .values(linked_at=linked_at))

    def update_profile(self, graduate_id: str, profile: Row) -> None:
        self._db.execute(update(graduates).where(graduates.c.id == graduate_id)
                         .values(profile=dict(profile), updated_at=func.now()))

    def update_email(self, account_id: str, email: str) -> None:
        self._db.execute(update(graduates).where(graduates.c.account_id == account_id)
                         .values(email=email, updated_at=func.now()))
