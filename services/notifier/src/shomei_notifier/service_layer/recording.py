"""Inside the consumer's transaction: turn an event into pending deliveries. Nothing is sent
here (ADR 0010): a slow or failing SMTP server must not hold or roll back consumption."""

from __future__ import annotations

import logging
from datetime import datetime

from shomei_notifier.domain.delivery import Delivery
from shomei_notifier.domain.heard import EventHeard
from shomei_notifier.domain.mail import message_id_for
from shomei_notifier.domain.mail_limits import MAX_REGISTRATION_MAILS, REGISTRATION_EVENTS, SUPPRESSED, WINDOW, limited
from shomei_notifier.domain.orders import (
    PRINT_EVENTS,
    PRINT_REMINDER_TEMPLATE,
    PRINT_SETTLING_EVENTS,
    REMINDER_TEMPLATE,
    SETTLING_EVENTS,
    order_facts,
)
from shomei_notifier.domain.routing import contact_after, plan_mails, uses_contact
from shomei_notifier.service_layer.ports import DeliveryLog, NotifierUnitOfWork
from shomei_shared.clock import Clock

log = logging.getLogger(__name__)


def on_event_heard(event: EventHeard, uow: NotifierUnitOfWork, clock: Clock) -> None:
    """The handler: record the event's mails in the consumer's transaction."""
    with uow:
        record_deliveries(event, uow.deliveries, clock.now())
        uow.commit()


def record_deliveries(envelope: EventHeard, deliveries: DeliveryLog, now: datetime) -> list[Delivery]:
    """The deliveries newly recorded for this event ([] when it asks for none or was seen)."""
    payload = envelope.payload_values
    account_id: str | None = envelope.aggregate_id
    order_id: str | None = None
    order = order_facts(envelope.type, envelope.aggregate_id, envelope.message_id, payload)
    if order is not None:
        owner = deliveries.remember_order(envelope.tenant_id, order)
        account_id = owner.account_id if owner else None
        order_id = order.order_id or (owner.order_id if owner else None) or None
        if owner is not None and owner.amount is not None:
            payload = {"amount": owner.amount, **payload}  # the event's own amount wins
        if envelope.type in SETTLING_EVENTS and order.order_id is not None:
            # Paid, expired or cancelled: the reminder would be wrong. One the dispatcher holds
            # right now is waited for (its row lock) and left as sent.
            deliveries.withdraw(envelope.tenant_id, order.order_id, REMINDER_TEMPLATE, "order_settled")
        if envelope.type in PRINT_SETTLING_EVENTS and order.order_id is not None:
            deliveries.withdraw_naming(envelope.tenant_id, order.order_id, PRINT_REMINDER_TEMPLATE, "print_settled")
        if envelope.type in PRINT_EVENTS:
            payload = {**payload, "order_id": envelope.aggregate_id}  # what the print reminder is found by
    contact = None
    if uses_contact(envelope.type) and account_id is not None:
        contact = deliveries.contact(envelope.tenant_id, account_id)
    plans = plan_mails(envelope.type, payload, contact)
    updated = contact_after(envelope.type, payload, contact)
    if updated is not None:
        deliveries.save_contact(envelope.tenant_id, envelope.aggregate_id, updated)
    recorded: list[Delivery] = []
    for plan in plans:
        if plan.not_before is not None and plan.not_before <= now:
            continue  # its time has passed (an order placed late, or heard late): no reminder
        delivery = Delivery(
            event_message_id=envelope.message_id,
            template_key=plan.template_key,
            event_type=envelope.type,
            tenant_id=envelope.tenant_id,
            recipient=plan.recipient,
            language=str(plan.language),
            variables=plan.variables,
            secret_ref=plan.secret_ref,
            mail_message_id=message_id_for(envelope.message_id, plan.template_key),
            created_at=now,
            next_attempt_at=plan.not_before,
            correlation_id=envelope.correlation_id,
            order_id=order_id,
        )
        if limited(envelope.type) and deliveries.count_recent(
                envelope.tenant_id, plan.recipient, REGISTRATION_EVENTS, now - WINDOW) >= MAX_REGISTRATION_MAILS:
            # Recorded, so the log shows it, but never sent.
            delivery.give_up(SUPPRESSED)
        if deliveries.add(delivery):
            recorded.append(delivery)
            log.info("recorded %s mail for %s %s", plan.template_key, envelope.type, envelope.message_id)
        else:
            log.info("%s mail for %s already recorded", plan.template_key, envelope.message_id)
    return recorded
