"""Events of ordering's aggregates: facts in the past tense, published on the aggregate's topic.
Their schemas (the published contract) are in adapters/event_schemas.py. `OrderPlaced`,
`OrderPaid`, `OrderExpired` and `OrderCancelled` are names of the suite's published contract."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shomei_shared.messages import Event


@dataclass(frozen=True)
class CatalogueChanged(Event):
    event_type = "CatalogueChanged"
    event_version = 2  # v2: each type names its template (v1 is upcast in adapters/event_schemas.py)
    staff_id: str
    catalogue: dict[str, Any]  # the whole catalogue after the change (Catalogue.to_document)


@dataclass(frozen=True)
class OrderPlaced(Event):
    event_type = "OrderPlaced"
    # v2: each line names its template and language, for the print service; v3: the chain's charge
    # per page, so the print service need not divide the estimate by the pages to learn it.
    event_version = 3
    account_id: str
    student_number: str
    print_channel: str
    payment_method: str
    # Each line as it was priced when ordered: {type, name_ja, name_en, fee, copies, pages, template,
    # language}.
    lines: list[dict[str, Any]]
    usage_fee: int
    total: int
    print_estimate: int
    print_charge_per_page: int  # yen per page at print_channel's chain, as the catalogue said when ordered
    placed_at: datetime
    deadline: datetime  # 23:59:59 JST of day 7: pay and print until then (rules 4, 5)
    ends_at: datetime  # 00:00 JST of day 8: from then on the order is over


@dataclass(frozen=True)
class OrderPaid(Event):
    event_type = "OrderPaid"
    payment_id: str
    amount: int
    paid_at: datetime


@dataclass(frozen=True)
class OrderExpired(Event):
    event_type = "OrderExpired"
    expired_at: datetime


@dataclass(frozen=True)
class OrderCancelled(Event):
    event_type = "OrderCancelled"
    cancelled_at: datetime
    by: str  # graduate | staff


@dataclass(frozen=True)
class PaymentNotApplied(Event):
    """Money arrived for an order that could not take it (expired, cancelled, paid already, or
    a different amount): recorded once per payment so staff can refund it (rule 26)."""

    event_type = "PaymentNotApplied"
    event_version = 2  # v2: the reason method_changed (a capture of a PayPal order left for Smart Pit)
    payment_id: str
    amount: int
    paid_at: datetime
    reason: str  # expired | cancelled | already_paid | amount_mismatch | method_changed


@dataclass(frozen=True)
class OrderPaymentReversed(Event):
    """The money that paid the order was taken back (Smart Pit's 速報取消): the order awaits
    payment again (or, past its deadline, expires). Staff are alerted: a reservation or a print
    may already hang on the payment (printing withdraws its reservations on hearing this)."""

    event_type = "OrderPaymentReversed"
    payment_id: str
    amount: int
    reversed_at: datetime
    reason: str  # quick_cancelled


@dataclass(frozen=True)
class UnappliedPaymentReversed(Event):
    """Money recorded as not applied (PaymentNotApplied) was taken back: nothing left to refund."""

    event_type = "UnappliedPaymentReversed"
    payment_id: str
    amount: int
    reversed_at: datetime


@dataclass(frozen=True)
class UnappliedPaymentRefunded(Event):
    """A staff member gave money the order could not take back by bank transfer, and said why."""

    event_type = "UnappliedPaymentRefunded"
    payment_id: str
    amount: int
    staff_id: str
    note: str
    refunded_at: datetime


@dataclass(frozen=True)
class OrderPaymentMethodChanged(Event):
    """The graduate chose another way to pay an unpaid order (a declined card → Smart Pit, and back)."""

    event_type = "OrderPaymentMethodChanged"
    payment_method: str
    previous: str
    changed_at: datetime
