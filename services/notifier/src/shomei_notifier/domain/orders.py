"""Mails about a graduate's order and its payment (issue 9). Their events name an order or a
payment, never an address (ADR 0008): the notifier remembers which account placed each order
(OrderPlaced, and payment's PaymentOpened, which names both) and mails that account's contact,
the one identity's events keep up to date (routing.Contact)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")
REMINDER_TEMPLATE = "payment_reminder"
# The reminder goes out in the morning, Japan time, two days before the deadline's day: a mail
# at 23:59 would be read when the deadline is nearer than the two days it promises.
REMINDER_DAYS_BEFORE = 2
REMINDER_AT = time(9, 0)
# Once one of these is heard the order takes no more money: its reminder is withdrawn.
SETTLING_EVENTS = frozenset({"OrderPaid", "OrderExpired", "OrderCancelled"})
# print-gateway's events name the order (their aggregate) and nothing personal.
PRINT_EVENTS = frozenset({"PrintReservationIssued", "PrintReservationFailed", "PrintReservationExpired",
                          "PrintOrderFulfilled"})
# The print reminder (two days before the print deadline, as the payment reminder) is withdrawn
# once every copy is printed or the window has ended. It is found by the order it names.
PRINT_REMINDER_TEMPLATE = "print_reminder"
PRINT_SETTLING_EVENTS = frozenset({"PrintOrderFulfilled", "PrintReservationExpired"})


@dataclass(frozen=True)
class OrderFacts:
    """What an event tells about an order's owner: the order, the account (when it says), the
    payment (payment's aggregate), and for OrderPlaced the message its reminder is keyed by."""

    order_id: str | None
    account_id: str | None = None
    payment_id: str | None = None
    placed_message_id: str | None = None
    amount: int | None = None  # the order's total: the Smart Pit mail names what to pay


@dataclass(frozen=True)
class OrderOwner:
    """What the notifier knows of an order from earlier events."""

    account_id: str
    amount: int | None
    order_id: str = ""


def order_facts(event_type: str, aggregate_id: str, message_id: str,
                payload: Mapping[str, Any]) -> OrderFacts | None:
    """The order (or payment) an event is about, or None for events not about an order."""
    if event_type == "OrderPlaced":
        return OrderFacts(aggregate_id, str(payload["account_id"]), placed_message_id=message_id,
                          amount=int(payload["total"]))
    if event_type in SETTLING_EVENTS:
        return OrderFacts(aggregate_id)
    if event_type == "PaymentOpened":
        return OrderFacts(str(payload["order_id"]), str(payload["account_id"]), payment_id=aggregate_id,
                          amount=int(payload["amount"]))
    if event_type in PRINT_EVENTS:
        return OrderFacts(aggregate_id)
    if event_type == "PaymentRefunded":
        return OrderFacts(str(payload["order_id"]))
    if event_type == "SmartPitBillRegistered":
        return OrderFacts(None, payment_id=aggregate_id)
    return None


def reminder_due(deadline: str | datetime) -> datetime:
    """09:00 JST two days before the day of the payment deadline (a 23:59 JST deadline on 7 April
    is reminded of on 5 April at 09:00), in UTC."""
    moment = deadline if isinstance(deadline, datetime) else datetime.fromisoformat(deadline)
    day = moment.astimezone(TOKYO).date() - timedelta(days=REMINDER_DAYS_BEFORE)
    return datetime.combine(day, REMINDER_AT, tzinfo=TOKYO).astimezone(UTC)
