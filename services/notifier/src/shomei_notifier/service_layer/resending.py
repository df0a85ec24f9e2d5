"""Staff resend an order's mail from the console (issue 9): a new delivery of the same mail to
the same address, sent by the dispatcher like any other, recorded with who asked and when.

A resend is keyed by the console's request key: a double click, or the same form sent again,
finds the first resend instead of recording a second (the delivery log's unique key on
(event, template)). It gets its own Message-ID: it is a mail of its own, not a duplicate of the
first (ADR 0011). A mail whose content was a one-time secret (a link already used or expired)
cannot be repeated, and a reminder withdrawn because the order was settled stays withdrawn.
"""

from __future__ import annotations

from datetime import datetime

from shomei_notifier.domain.delivery import Delivery, DeliveryStatus
from shomei_notifier.domain.mail import message_id_for
from shomei_notifier.service_layer.ports import DeliveryLog
from shomei_shared.errors import Conflict, NotFound

WITHDRAWN = "order_settled"


def resendable(delivery: Delivery) -> bool:
    return (delivery.secret_ref is None and not delivery.is_open()
            and not (delivery.status is DeliveryStatus.GIVEN_UP and delivery.last_error == WITHDRAWN))


def resend(log: DeliveryLog, tenant_id: str, order_id: str, delivery_id: int, staff_id: str, request_key: str,
           now: datetime, correlation_id: str | None = None) -> tuple[Delivery, bool]:
    """The resend's delivery, and whether this call recorded it (False: the same request before)."""
    original = log.find(tenant_id, delivery_id)
    if original is None or original.order_id != order_id:
        raise NotFound.one("mail_not_found", "mail_id")
    first = original.resend_of or original.id
    event_message_id = f"resend-{first}-{request_key}"
    before = log.find_by_event(event_message_id, original.template_key)
    if before is not None:
        return before, False
    if not resendable(original):
        raise Conflict.one("mail_not_resendable", "mail_id", status=original.status.value)
    again = Delivery(
        event_message_id=event_message_id, template_key=original.template_key, event_type=original.event_type,
        tenant_id=tenant_id, recipient=original.recipient, language=original.language,
        variables=dict(original.variables), secret_ref=None,
        mail_message_id=message_id_for(event_message_id, original.template_key), created_at=now,
        correlation_id=correlation_id, order_id=order_id, resend_of=first, requested_by=staff_id)
    if not log.add(again):  # the same request, racing: the first one's row is there now
        found = log.find_by_event(event_message_id, original.template_key)
        assert found is not None
        return found, False
    return again, True
