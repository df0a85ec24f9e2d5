"""Applications (read model and applicant data), their images, actors and verified registrations."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert

from shomei_enrollment.adapters.tables import application_actors, applications, id_documents, verified_registrations
from shomei_enrollment.service_layer.ports import DecidedSearch, Row, StoredImage

# Where a staff search looks: names as applied and as enrolled, the address, the student number.
_SEARCHED_PATHS = (("name", "kanji"), ("name", "katakana"), ("name", "romaji"), ("name_while_enrolled", "kanji"),
                   ("name_while_enrolled", "katakana"), ("name_while_enrolled", "romaji"),
                   ("enrollment", "student_number"))
_KANA_PATHS = (("name", "katakana"), ("name_while_enrolled", "katakana"))


def _without_spaces(value: ColumnElement[Any]) -> ColumnElement[Any]:
    # Names are stored with a full-width space between family and given name; staff type either.
    return func.translate(value, " \u3000\u30fb", "")  # spaces of either width and the middle dot


def _matches(search: DecidedSearch) -> ColumnElement[bool]:
    text_matches = [_without_spaces(applications.c.applicant[path].astext).icontains(search.text, autoescape=True)
                    for path in _SEARCHED_PATHS]
    text_matches.append(applications.c.email.icontains(search.text, autoescape=True))
    if search.kana:
        text_matches += [_without_spaces(applications.c.applicant[path].astext).contains(search.kana, autoescape=True)
                         for path in _KANA_PATHS]
    return or_(*text_matches)


class SqlApplicationRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def verified_registration(self, registration_id: str) -> Row | None:
        row = self._db.execute(select(verified_registrations)
                               .where(verified_registrations.c.registration_id == registration_id)).first()
        return row._asdict() if row else None

    def record_verified_registration(self, registration_id: str, tenant_id: str, email: str, locale: str,
                                     verified_at: datetime) -> None:
        self._db.execute(insert(verified_registrations).values(
            registration_id=registration_id, tenant_id=tenant_id, email=email, locale=locale,
            verified_at=verified_at).on_conflict_do_nothing())

    def get(self, application_id: str) -> Row | None:
        row = self._db.execute(select(applications).where(applications.c.id == application_id)).first()
        return row._asdict() if row else None

    def id_for_registration(self, registration_id: str) -> str | None:
        return self._db.scalar(select(applications.c.id).where(applications.c.registration_id == registration_id))

    def insert(self, row: Row) -> None:
        self._db.execute(insert(applications).values(**row))

    def update(self, application_id: str, **values: Any) -> None:
        self._db.execute(update(applications).where(applications.c.id == application_id).values(**values))

    def replace_documents(self, application_id: str, images: Sequence[StoredImage]) -> list[str]:
        """New ids (never a name the user chose); a resubmission's images replace the old ones."""
        self._db.execute(delete(id_documents).where(id_documents.c.application_id == application_id))
        ids = [str(uuid.uuid4()) for _ in images]
        if images:
            self._db.execute(insert(id_documents).values([
                {"id": document_id, "application_id": application_id, "side": image.side,
                 "media_type": image.media_type, "width": image.width, "height": image.height,
                 "content": image.content} for document_id, image in zip(ids, images, strict=True)]))
        return ids

    def documents(self, application_id: str) -> list[Row]:
        columns = [c for c in id_documents.c if c.name != "content"]
        rows = self._db.execute(select(*columns).where(id_documents.c.application_id == application_id)
                                .order_by(id_documents.c.side.desc())).all()  # front, then back
        return [r._asdict() for r in rows]

    def document(self, document_id: str) -> Row | None:
        row = self._db.execute(select(id_documents).where(id_documents.c.id == document_id)).first()
        return row._asdict() if row else None

    def record_actor(self, application_id: str, version: int, actor_kind: str, actor_id: str) -> None:
        self._db.execute(insert(application_actors).values(
            application_id=application_id, aggregate_version=version, actor_kind=actor_kind, actor_id=actor_id))

    def actors(self, application_id: str) -> dict[int, tuple[str, str]]:
        rows = self._db.execute(select(application_actors)
                                .where(application_actors.c.application_id == application_id)).all()
        return {r.aggregate_version: (r.actor_kind, r.actor_id) for r in rows}

    def queue(self, tenant_id: str) -> list[Row]:
        rows = self._db.execute(select(applications).where(
            applications.c.tenant_id == tenant_id, applications.c.status == "submitted")
            .order_by(applications.c.due_at, applications.c.submitted_at)).all()
        return [r._asdict() for r in rows]

    def open_or_decided_since(self, tenant_id: str, since: datetime) -> list[Row]:
        rows = self._db.execute(select(applications).where(
            applications.c.tenant_id == tenant_id,
            or_(applications.c.status == "submitted", applications.c.decided_at >= since))).all()
        return [r._asdict() for r in rows]

    def decided(self, tenant_id: str, search: DecidedSearch) -> tuple[list[Row], int]:
        conditions = [applications.c.tenant_id == tenant_id, applications.c.status.in_(search.statuses),
                      applications.c.decided_at.is_not(None)]
        if search.kind:
            conditions.append(applications.c.kind == search.kind)
        if search.decided_from:
            conditions.append(applications.c.decided_at >= search.decided_from)
        if search.decided_before:
            conditions.append(applications.c.decided_at < search.decided_before)
        if search.text:
            conditions.append(_matches(search))
        where = and_(*conditions)
        total = self._db.scalar(select(func.count()).select_from(applications).where(where)) or 0
        rows = self._db.execute(select(applications).where(where)
                                .order_by(applications.c.decided_at.desc(), applications.c.id)
                                .offset(search.offset).limit(search.limit)).all()
        return [r._asdict() for r in rows], int(total)
