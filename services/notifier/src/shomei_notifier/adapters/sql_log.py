"""The delivery log in PostgreSQL, bound to one connection (one transaction)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, func, select
from sqlalchemy.dialects.postgresql import insert

from shomei_notifier.adapters.tables import account_contacts, deliveries, order_accounts
from shomei_notifier.domain.delivery import Delivery, DeliveryStatus
from shomei_notifier.domain.mail import Language
from shomei_notifier.domain.mail_limits import SUPPRESSED
from shomei_notifier.domain.orders import OrderFacts, OrderOwner
from shomei_notifier.domain.routing import Contact
from shomei_notifier.service_layer.ports import DeliveryLog

_OPEN = (DeliveryStatus.PENDING.value, DeliveryStatus.RETRYING.value)


class SqlDeliveryLog:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, delivery: Delivery) -> bool:
        row = _to_row(delivery)
        statement = insert(deliveries).values(**row).on_conflict_do_nothing(
            constraint="deliveries_event_template_key").returning(deliveries.c.id)
        new_id = self._connection.execute(statement).scalar_one_or_none()
        if new_id is None:
            return False
        delivery.id = new_id
        return True

    def count_recent(self, tenant_id: str, recipient: str, event_types: frozenset[str], since: datetime) -> int:
        c = deliveries.c
        return int(self._connection.execute(select(func.count()).where(
            (c.tenant_id == tenant_id) & (c.recipient == recipient) & (c.created_at > since)
            & c.event_type.in_(sorted(event_types))
            & c.last_error.is_distinct_from(SUPPRESSED))).scalar_one())

    def claim_next_due(self, now: datetime) -> Delivery | None:
        statement = (
            select(deliveries)
            .where(deliveries.c.status.in_(_OPEN), deliveries.c.next_attempt_at <= now)
            .order_by(deliveries.c.next_attempt_at, deliveries.c.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        row = self._connection.execute(statement).mappings().first()
        return None if row is None else _from_row(row)

    def save(self, delivery: Delivery) -> None:
        if delivery.id is None:
            raise ValueError("save: the delivery was never added")
        self._connection.execute(
            deliveries.update().where(deliveries.c.id == delivery.id).values(
                status=delivery.status.value, attempts=delivery.attempts,
                next_attempt_at=delivery.next_attempt_at, last_error=delivery.last_error,
                sent_at=delivery.sent_at,
            )
        )

    def contact(self, tenant_id: str, account_id: str) -> Contact | None:
        row = self._connection.execute(
            select(account_contacts.c.email, account_contacts.c.language).where(
                account_contacts.c.tenant_id == tenant_id, account_contacts.c.account_id == account_id)
        ).first()
        return None if row is None else Contact(row.email, Language.of(row.language))

    def save_contact(self, tenant_id: str, account_id: str, contact: Contact) -> None:
        values = {"email": contact.email, "language": str(contact.language)}
        statement = insert(account_contacts).values(tenant_id=tenant_id, account_id=account_id, **values)
        self._connection.execute(statement.on_conflict_do_update(
            index_elements=["tenant_id", "account_id"], set_={**values, "updated_at": statement.excluded.updated_at}))

    def remember_order(self, tenant_id: str, facts: OrderFacts) -> OrderOwner | None:
        o = order_accounts.c
        if facts.order_id is not None and facts.account_id is not None:
            statement = insert(order_accounts).values(
                tenant_id=tenant_id, order_id=facts.order_id, account_id=facts.account_id,
                payment_id=facts.payment_id, placed_message_id=facts.placed_message_id, amount=facts.amount)
            # OrderPlaced and PaymentOpened come on two topics, in either order: each adds its part.
            self._connection.execute(statement.on_conflict_do_update(
                index_elements=["tenant_id", "order_id"],
                set_={"payment_id": func.coalesce(statement.excluded.payment_id, o.payment_id),
                      "placed_message_id": func.coalesce(statement.excluded.placed_message_id,
                                                         o.placed_message_id),
                      "amount": func.coalesce(statement.excluded.amount, o.amount)}))
        if facts.order_id is not None:
            where = (o.tenant_id == tenant_id) & (o.order_id == facts.order_id)
        elif facts.payment_id is not None:
            where = (o.tenant_id == tenant_id) & (o.payment_id == facts.payment_id)
        else:
            return None
        row = self._connection.execute(select(o.account_id, o.amount, o.order_id).where(where).limit(1)).first()
        return None if row is None else OrderOwner(row.account_id, row.amount, row.order_id)

    def of_order(self, tenant_id: str, order_id: str) -> list[Delivery]:
        d = deliveries.c
        rows = self._connection.execute(select(deliveries).where(
            (d.tenant_id == tenant_id) & (d.order_id == order_id)).order_by(d.id)).mappings()
        return [_from_row(row) for row in rows]

    def find(self, tenant_id: str, delivery_id: int) -> Delivery | None:
        d = deliveries.c
        row = self._connection.execute(select(deliveries).where(
            (d.tenant_id == tenant_id) & (d.id == delivery_id))).mappings().first()
        return None if row is None else _from_row(row)

    def find_by_event(self, event_message_id: str, template_key: str) -> Delivery | None:
        d = deliveries.c
        row = self._connection.execute(select(deliveries).where(
            (d.event_message_id == event_message_id) & (d.template_key == template_key))).mappings().first()
        return None if row is None else _from_row(row)

    def withdraw(self, tenant_id: str, order_id: str, template_key: str, reason: str) -> int:
        o, d = order_accounts.c, deliveries.c
        placed = select(o.placed_message_id).where((o.tenant_id == tenant_id) & (o.order_id == order_id))
        result = self._connection.execute(deliveries.update().where(
            (d.tenant_id == tenant_id) & (d.template_key == template_key) & d.status.in_(_OPEN)
            & (d.event_message_id == placed.scalar_subquery()),
        ).values(status=DeliveryStatus.GIVEN_UP.value, last_error=reason, next_attempt_at=None))
        return int(result.rowcount)

    def withdraw_naming(self, tenant_id: str, order_id: str, template_key: str, reason: str) -> int:
        d = deliveries.c
        result = self._connection.execute(deliveries.update().where(
            (d.tenant_id == tenant_id) & (d.template_key == template_key) & d.status.in_(_OPEN)
            & (d.variables["order_id"].astext == order_id),
        ).values(status=DeliveryStatus.GIVEN_UP.value, last_error=reason, next_attempt_at=None))
        return int(result.rowcount)


def open_sql_log(engine: Engine) -> AbstractContextManager[DeliveryLog]:
    """A transaction on `engine` with the log bound to it (commits at the end of the block)."""
    return _transaction(engine)


@contextmanager
def _transaction(engine: Engine) -> Iterator[DeliveryLog]:
    with engine.begin() as connection:
        yield SqlDeliveryLog(connection)


def list_deliveries(connection: Connection, *, status: str | None, tenant_id: str | None,
                    limit: int) -> list[dict[str, Any]]:
    """Newest first, for staff and SRE tooling: metadata only, no variables and no secret_ref."""
    columns = [c for c in deliveries.c if c.name not in ("variables", "secret_ref")]
    statement = select(*columns).order_by(deliveries.c.id.desc()).limit(limit)
    if status:
        statement = statement.where(deliveries.c.status == status)
    if tenant_id:
        statement = statement.where(deliveries.c.tenant_id == tenant_id)
    return [dict(row) for row in connection.execute(statement).mappings()]


def _to_row(delivery: Delivery) -> dict[str, Any]:
    return {
        "event_message_id": delivery.event_message_id, "template_key": delivery.template_key,
        "event_type": delivery.event_type, "tenant_id": delivery.tenant_id, "recipient": delivery.recipient,
        "language": delivery.language, "variables": delivery.variables, "secret_ref": delivery.secret_ref,
        "mail_message_id": delivery.mail_message_id, "status": delivery.status.value,
        "attempts": delivery.attempts, "next_attempt_at": delivery.next_attempt_at,
        "last_error": delivery.last_error, "created_at": delivery.created_at, "sent_at": delivery.sent_at,
        "correlation_id": delivery.correlation_id, "order_id": delivery.order_id,
        "resend_of": delivery.resend_of, "requested_by": delivery.requested_by,
    }


def _from_row(row: RowMapping) -> Delivery:
    return Delivery(
        id=row["id"], event_message_id=row["event_message_id"], template_key=row["template_key"],
        event_type=row["event_type"], tenant_id=row["tenant_id"], recipient=row["recipient"],
        language=row["language"], variables=dict(row["variables"]), secret_ref=row["secret_ref"],
        mail_message_id=row["mail_message_id"], created_at=row["created_at"],
        status=DeliveryStatus(row["status"]), attempts=row["attempts"],
        next_attempt_at=row["next_attempt_at"], last_error=row["last_error"], sent_at=row["sent_at"],
        correlation_id=row["correlation_id"], order_id=row["order_id"], resend_of=row["resend_of"],
        requested_by=row["requested_by"],
    )
