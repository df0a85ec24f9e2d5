"""The orders projection, on the unit of work's connection."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects.postgresql import insert

from shomei_ordering.adapters.tables import orders, unapplied_payments
from shomei_ordering.domain.deadlines import TOKYO
from shomei_ordering.service_layer.ports import OrderSearch, Row


class SqlOrderRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, row: Row) -> bool:
        # RETURNING rather than rowcount, which this engine's driver settings do not report.
        statement = (insert(orders).values(**row).on_conflict_do_nothing(index_elements=[orders.c.id])
                     .returning(orders.c.id))
        return self._connection.execute(statement).first() is not None

    def get(self, order_id: str) -> Row | None:
        found = self._connection.execute(select(orders).where(orders.c.id == order_id)).mappings().first()
        return dict(found) if found is not None else None

    def set_status(self, order_id: str, status: str, at: datetime) -> None:
        self._connection.execute(update(orders).where(orders.c.id == order_id).values(status=status, status_at=at))

    def of_account(self, tenant_id: str, account_id: str) -> Sequence[Row]:
        query = (select(orders).where(orders.c.tenant_id == tenant_id, orders.c.account_id == account_id)
                 .order_by(orders.c.placed_at.desc()))
        return [dict(row) for row in self._connection.execute(query).mappings()]

    def search(self, tenant_id: str, search: OrderSearch) -> Sequence[Row]:
        query = select(orders).where(orders.c.tenant_id == tenant_id)
        for column, value in ((orders.c.status, search.status), (orders.c.student_number, search.student_number),
                              (orders.c.id, search.order_id), (orders.c.account_id, search.account_id)):
            if value:
                query = query.where(column == value)
        if search.alert == "payment_reversed":
            query = query.where(orders.c.payment_reversed_at.is_not(None))
        if search.placed_from is not None:
            query = query.where(orders.c.placed_at >= datetime.combine(search.placed_from, time(0), TOKYO))
        if search.placed_to is not None:
            day_after = search.placed_to + timedelta(days=1)
            query = query.where(orders.c.placed_at < datetime.combine(day_after, time(0), TOKYO))
        query = query.order_by(orders.c.placed_at.desc()).limit(search.limit)
        return [dict(row) for row in self._connection.execute(query).mappings()]

    def due(self, now: datetime, limit: int) -> Sequence[str]:
        query = (select(orders.c.id).where(orders.c.status == "placed", orders.c.ends_at <= now)
                 .order_by(orders.c.ends_at).limit(limit))
        return list(self._connection.execute(query).scalars())

    def set_payment_method(self, order_id: str, method: str) -> None:
        self._connection.execute(update(orders).where(orders.c.id == order_id).values(payment_method=method))

    def payment_reversed(self, order_id: str, at: datetime) -> None:
        self._connection.execute(update(orders).where(orders.c.id == order_id).values(payment_reversed_at=at))

    def record_unapplied(self, row: Row) -> None:
        statement = insert(unapplied_payments).values(**row)
        self._connection.execute(statement.on_conflict_do_update(
            index_elements=[unapplied_payments.c.payment_id],
            set_={name: statement.excluded[name] for name in row if name != "payment_id"}))

    def close_unapplied(self, payment_id: str, status: str, at: datetime, staff_id: str = "", note: str = "") -> None:
        self._connection.execute(update(unapplied_payments).where(unapplied_payments.c.payment_id == payment_id)
                                 .values(status=status, status_at=at, staff_id=staff_id, note=note))

    def unapplied(self, tenant_id: str) -> Sequence[Row]:
        query = (select(unapplied_payments)
                 .where(unapplied_payments.c.tenant_id == tenant_id, unapplied_payments.c.status == "open")
                 .order_by(unapplied_payments.c.paid_at))
        return [dict(row) for row in self._connection.execute(query).mappings()]
