"""The payments projection and the webhook ledger, on the unit of work's connection."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, select
from sqlalchemy.dialects.postgresql import insert

from shomei_payment.adapters.tables import (
    payments,
    paypal_webhook_events,
    paypal_webhook_transmissions,
    smartpit_notices,
)
from shomei_payment.service_layer.ports import Row


class SqlPaymentRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def save(self, row: Row) -> None:
        changes = {key: value for key, value in row.items() if key not in ("id", "tenant_id", "order_id")}
        statement = insert(payments).values(**row).on_conflict_do_update(index_elements=[payments.c.id],
                                                                         set_=changes)
        self._connection.execute(statement)

    def get(self, payment_id: str) -> Row | None:
        found = self._connection.execute(select(payments).where(payments.c.id == payment_id)).mappings().first()
        return dict(found) if found is not None else None

    def first_webhook(self, event_id: str, transmission_id: str, event_type: str, at: datetime) -> str:
        # Inserts that wait for a concurrent one to commit: two copies racing give one `new`.
        transmission = (insert(paypal_webhook_transmissions)
                        .values(transmission_id=transmission_id, event_id=event_id, received_at=at)
                        .on_conflict_do_nothing().returning(paypal_webhook_transmissions.c.transmission_id))
        if self._connection.execute(transmission).first() is None:
            return "replayed"
        event = (insert(paypal_webhook_events).values(event_id=event_id, event_type=event_type, received_at=at)
                 .on_conflict_do_nothing().returning(paypal_webhook_events.c.event_id))
        return "new" if self._connection.execute(event).first() is not None else "duplicate"

    def stuck(self, before: datetime, limit: int) -> Sequence[Row]:
        query = (select(payments).where(payments.c.method == "paypal", payments.c.paypal_order_id != "",
                                        payments.c.status.in_(("created", "approved", "pending")),
                                        payments.c.updated_at < before)
                 .order_by(payments.c.updated_at).limit(limit))
        return [dict(row) for row in self._connection.execute(query).mappings()]

    def first_notice(self, notice_id: str, notice_type: str, at: datetime) -> bool:
        statement = (insert(smartpit_notices).values(notice_id=notice_id, notice_type=notice_type, received_at=at)
                     .on_conflict_do_nothing().returning(smartpit_notices.c.notice_id))
        return self._connection.execute(statement).first() is not None
