"""Events of payment's aggregates: facts in the past tense, published on the aggregate's topic.
Their schemas (the published contract) are in adapters/event_schemas.py. `PaymentCaptured` and
`PaymentRefunded` are names of the suite's published contract; the others are payment's own steps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shomei_shared.messages import Event


@dataclass(frozen=True)
class PaymentOpened(Event):
    """An order was placed: what it costs, how it is paid and until when (from OrderPlaced)."""

    event_type = "PaymentOpened"
    order_id: str
    account_id: str
    method: str  # paypal | smartpit
    amount: int  # whole yen
    deadline: datetime
    ends_at: datetime


@dataclass(frozen=True)
class PayPalOrderCreated(Event):
    event_type = "PayPalOrderCreated"
    paypal_order_id: str
    attempt: int
    approve_url: str


@dataclass(frozen=True)
class PaymentApproved(Event):
    event_type = "PaymentApproved"
    paypal_order_id: str


@dataclass(frozen=True)
class PaymentPending(Event):
    event_type = "PaymentPending"
    capture_id: str
    reason: str


@dataclass(frozen=True)
class PaymentDeclined(Event):
    """The card or the capture was refused; the graduate may try again (`issue` says how)."""

    event_type = "PaymentDeclined"
    paypal_order_id: str
    capture_id: str  # "" when PayPal refused before making a capture (INSTRUMENT_DECLINED)
    issue: str


@dataclass(frozen=True)
class PaymentCaptured(Event):
    event_type = "PaymentCaptured"
    order_id: str
    method: str
    amount: int
    capture_id: str
    captured_at: datetime


@dataclass(frozen=True)
class PaymentRefunded(Event):
    event_type = "PaymentRefunded"
    order_id: str
    capture_id: str
    amount: int
    reason: str  # refunded | reversed
    refunded_at: datetime


@dataclass(frozen=True)
class SmartPitBillRegistered(Event):
    """A Smart Pit bill for the order: its 13-digit number, payable until the order's deadline."""

    event_type = "SmartPitBillRegistered"
    smartpit_number: str
    due: datetime


@dataclass(frozen=True)
class PaymentQuickCancelled(Event):
    """Smart Pit's 速報取消: the register took back the money of a quick notice; payable again."""

    event_type = "PaymentQuickCancelled"
    capture_id: str


@dataclass(frozen=True)
class PaymentReversed(Event):
    """Money that had paid the order was taken back (Smart Pit's 速報取消 of the capture that paid):
    the order is unpaid again. Recorded with the notice's PaymentQuickCancelled, only when that
    capture had counted, so a consumer never hears of a reversal of money it was never told of."""

    event_type = "PaymentReversed"
    order_id: str
    capture_id: str
    amount: int
    reason: str  # quick_cancelled
    reversed_at: datetime


@dataclass(frozen=True)
class PaymentConfirmed(Event):
    """Smart Pit's 確報 of a payment its quick notice told."""

    event_type = "PaymentConfirmed"
    capture_id: str


@dataclass(frozen=True)
class RefundRequested(Event):
    """A staff member asked for (part of) a PayPal capture back, recorded before PayPal is asked,
    so a second click of the same form (its `request_key`) asks for the same refund, never another."""

    event_type = "RefundRequested"
    request_key: str
    amount: int
    staff_id: str
    note: str  # why: the staff member's reason
    override_reason: str  # why after the print deadline; "" before it


@dataclass(frozen=True)
class RefundIssued(Event):
    """PayPal made the refund asked for by `request_key`."""

    event_type = "RefundIssued"
    request_key: str
    refund_id: str
    amount: int


@dataclass(frozen=True)
class PaymentMethodChanged(Event):
    """The order is paid another way now (ordering's OrderPaymentMethodChanged). A PayPal order
    left behind is never captured by us; money PayPal captures for it anyway is not counted."""

    event_type = "PaymentMethodChanged"
    method: str
    previous: str
    abandoned_paypal_order_id: str  # "" when there was none


@dataclass(frozen=True)
class PaymentNotCounted(Event):
    """Money arrived that does not pay the order: a capture of a PayPal order left for another
    method, or a second payment once the order's money was counted. Published, so ordering keeps
    it for staff to refund (PaymentNotApplied)."""

    event_type = "PaymentNotCounted"
    order_id: str
    method: str
    capture_id: str
    amount: int
    reason: str  # abandoned_paypal_order | already_captured
    received_at: datetime
