"""print-gateway's repositories, on the unit of work's connection."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Float, Select, cast, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from shomei_print_gateway.adapters.tables import certificate_files, certificates, print_orders, submissions
from shomei_print_gateway.service_layer.ports import Row

# What the end of the window ends: issued orders, and paid ones never (or not yet) submitted.
ENDING = ("issued", "due", "failed")


class SqlPrintOrderRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, row: Row) -> bool:
        added = self._connection.execute(pg_insert(print_orders).values(**row).on_conflict_do_nothing()
                                         .returning(print_orders.c.order_id)).first()
        return added is not None

    def get(self, order_id: str) -> Row | None:
        row = self._connection.execute(select(print_orders).where(print_orders.c.order_id == order_id)
                                       ).mappings().first()
        return dict(row) if row is not None else None

    def lock(self, order_id: str) -> Row | None:
        row = self._connection.execute(select(print_orders).where(print_orders.c.order_id == order_id)
                                       .with_for_update()).mappings().first()
        return dict(row) if row is not None else None

    def update(self, order_id: str, **values: Any) -> None:
        self._connection.execute(update(print_orders).where(print_orders.c.order_id == order_id).values(**values))

    def due(self, now: datetime, limit: int, lease: timedelta) -> Sequence[Row]:
        claimed = (select(print_orders.c.order_id)
                   .where(print_orders.c.state == "due", print_orders.c.next_attempt_at <= now,
                          print_orders.c.ends_at > now)
                   .order_by(print_orders.c.next_attempt_at).limit(limit)
                   .with_for_update(skip_locked=True).scalar_subquery())
        rows = self._connection.execute(
            update(print_orders).where(print_orders.c.order_id.in_(claimed))
            .values(next_attempt_at=now + lease).returning(*print_orders.c)).mappings()
        return [dict(row) for row in rows]

    def ending(self, now: datetime, limit: int) -> Sequence[Row]:
        rows = self._connection.execute(
            select(print_orders).where(print_orders.c.state.in_(ENDING), print_orders.c.ends_at <= now)
            .order_by(print_orders.c.ends_at).limit(limit)).mappings()
        return [dict(row) for row in rows]

    def in_state(self, tenant_id: str, states: Sequence[str], limit: int, alerted: bool = False) -> Sequence[Row]:
        wanted: ColumnElement[bool] = print_orders.c.state.in_(states)
        if alerted:
            wanted = or_(wanted, print_orders.c.alert.is_not(None))
        rows = self._connection.execute(
            select(print_orders).where(print_orders.c.tenant_id == tenant_id, wanted)
            .order_by(print_orders.c.deadline).limit(limit)).mappings()
        return [dict(row) for row in rows]

    def alerts(self, tenant_id: str) -> int:
        return int(self._connection.execute(
            select(func.count()).select_from(print_orders).where(
                print_orders.c.tenant_id == tenant_id,
                or_(print_orders.c.state == "failed", print_orders.c.alert.is_not(None)))).scalar_one())

    def in_state_anywhere(self, states: Sequence[str], limit: int) -> Sequence[Row]:
        rows = self._connection.execute(
            select(print_orders).where(print_orders.c.state.in_(states))
            .order_by(print_orders.c.next_attempt_at).limit(limit)).mappings()
        return [dict(row) for row in rows]

    def claim_state(self, order_id: str, state: str) -> bool:
        found = self._connection.execute(
            select(print_orders.c.order_id).where(print_orders.c.order_id == order_id,
                                                  print_orders.c.state == state).with_for_update()).first()
        return found is not None

    def claim_ending(self, order_id: str) -> bool:
        found = self._connection.execute(
            select(print_orders.c.order_id).where(print_orders.c.order_id == order_id,
                                                  print_orders.c.state.in_(ENDING)).with_for_update()).first()
        return found is not None


class SqlCertificateRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, row: Row, file_name: str, pdf: bytes) -> None:
        self._connection.execute(insert(certificates).values(**row))
        self._connection.execute(insert(certificate_files).values(
            certificate_id=row["certificate_id"], order_id=row["order_id"], file_name=file_name, pdf=pdf))

    def of_order(self, order_id: str) -> Sequence[Row]:
        rows = self._connection.execute(
            select(certificates, certificate_files.c.file_name, certificate_files.c.pdf)
            .join(certificate_files, certificate_files.c.certificate_id == certificates.c.certificate_id)
            .where(certificates.c.order_id == order_id)
            .order_by(certificates.c.line_index, certificates.c.copy_number)).mappings()
        return [dict(row) for row in rows]

    def previews_to_make(self, limit: int) -> Sequence[Row]:
        # SKIP LOCKED: two jobs processes render different previews, never one twice at once.
        return self._previews_to_make(_missing_preview().limit(limit).with_for_update(
            of=[certificates, certificate_files], skip_locked=True))

    def previews_to_make_of(self, order_id: str) -> Sequence[Row]:
        # Waits for a batch rendering one of them elsewhere, then sees it made (READ COMMITTED
        # reads the locked row again): the expiry that follows never deletes a PDF still needed.
        return self._previews_to_make(_missing_preview().where(certificates.c.order_id == order_id).with_for_update(
            of=[certificates, certificate_files]))

    def _previews_to_make(self, query: Select[Any]) -> Sequence[Row]:
        return [dict(row) for row in self._connection.execute(query).mappings()]

    def record_preview(self, certificate_id: str, png: bytes) -> None:
        self._connection.execute(update(certificates).where(certificates.c.certificate_id == certificate_id)
                                 .values(preview_png=png))

    def preview_unavailable(self, certificate_id: str, at: datetime) -> None:
        self._connection.execute(update(certificates).where(certificates.c.certificate_id == certificate_id)
                                 .values(preview_unavailable_at=at))

    def forget_files(self, order_id: str) -> None:
        self._connection.execute(update(certificate_files).where(certificate_files.c.order_id == order_id)
                                 .values(pdf=None))

    def page_counts(self, tenant_id: str, since: datetime) -> Sequence[Row]:
        pages = certificates.c.pages
        rows = self._connection.execute(
            select(certificates.c.kind, certificates.c.language, func.count().label("certificates"),
                   func.min(pages).label("least"),
                   cast(func.percentile_cont(0.5).within_group(pages), Float).label("median"),
                   func.max(pages).label("most"))
            .where(certificates.c.tenant_id == tenant_id, certificates.c.issued_at >= since)
            .group_by(certificates.c.kind, certificates.c.language)
            .order_by(certificates.c.kind, certificates.c.language)).mappings()
        return [dict(row) for row in rows]


def _missing_preview() -> Select[Any]:
    return (select(certificates.c.certificate_id, certificates.c.order_id, certificate_files.c.pdf)
            .join(certificate_files, certificate_files.c.certificate_id == certificates.c.certificate_id)
            .where(certificates.c.preview_png.is_(None), certificates.c.preview_unavailable_at.is_(None))
            .order_by(certificates.c.issued_at, certificates.c.certificate_id))


class SqlSubmissionRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, row: Row) -> None:
        self._connection.execute(insert(submissions).values(**row))

    def of_order(self, order_id: str) -> Sequence[Row]:
        """In the order's own order (its lines, then copies): uploaded so, the first number is the
        first copy's, and read so, every page lists them alike. (All of an order's calls are
        recorded at one time, so their creation time does not tell them apart.)"""
        rows = [dict(row) for row in self._connection.execute(
            select(submissions).where(submissions.c.order_id == order_id)
            .order_by(submissions.c.created_at, submissions.c.submission_id)).mappings()]
        position = {certificate_id: index for index, certificate_id in enumerate(self._connection.execute(
            select(certificates.c.certificate_id).where(certificates.c.order_id == order_id)
            .order_by(certificates.c.line_index, certificates.c.copy_number)).scalars())}
        last = len(position)
        return sorted(rows, key=lambda row: min((position.get(cid, last) for cid in row["certificate_ids"]),
                                                default=last))

    def update(self, submission_id: str, **values: Any) -> None:
        self._connection.execute(update(submissions).where(submissions.c.submission_id == submission_id)
                                 .values(**values))

    def by_number(self, number: str) -> Row | None:
        row = self._connection.execute(select(submissions).where(submissions.c.number == number)).mappings().first()
        return dict(row) if row is not None else None
