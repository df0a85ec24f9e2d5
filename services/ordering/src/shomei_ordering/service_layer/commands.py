"""Commands: what callers ask ordering to do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shomei_ordering.domain.quote import Eligibility, Line
from shomei_shared.messages import Command


@dataclass(frozen=True)
class ChangeCatalogue(Command):
    tenant_id: str
    staff_id: str
    catalogue: dict[str, Any]


@dataclass(frozen=True)
class PlaceOrder(Command):
    """`idempotency_key` comes from the confirmation page: placing with the same key again (a
    double click, a reload) answers the order the first one placed."""

    tenant_id: str
    account_id: str
    idempotency_key: str
    eligibility: Eligibility
    print_channel: str
    payment_method: str
    lines: tuple[Line, ...]
    # The deadline the confirmation page showed (its quote); None places with whatever it is now.
    confirmed_deadline: datetime | None = None


@dataclass(frozen=True)
class QuoteOrder(Command):
    """What placing these choices now would record (the confirmation page); nothing is stored."""

    tenant_id: str
    eligibility: Eligibility
    print_channel: str
    payment_method: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class CancelOrder(Command):
    """By the graduate (`account_id` theirs: only their own orders) or by staff (`account_id` None)."""

    tenant_id: str
    order_id: str
    account_id: str | None = None


@dataclass(frozen=True)
class ExpireDueOrders(Command):
    """The deadline process's tick: expire every unpaid order whose deadline has passed."""

    limit: int = 500


@dataclass(frozen=True)
class MarkOrderPaid(Command):
    """What the payment service's `PaymentCaptured` will cause."""

    tenant_id: str
    order_id: str
    payment_id: str
    amount: int
    paid_at: datetime


@dataclass(frozen=True)
class RecordTransferRefund(Command):
    """A staff member gave money the order could not take (PaymentNotApplied) back by bank
    transfer; recorded once however often asked (a double click)."""

    tenant_id: str
    staff_id: str
    order_id: str
    payment_id: str
    reason: str


@dataclass(frozen=True)
class ChangePaymentMethod(Command):
    """The graduate pays an unpaid order another way (PayPal declined → Smart Pit, or back)."""

    tenant_id: str
    account_id: str
    order_id: str
    payment_method: str
