"""The events ordering hears from other services, as ordering reads them: its own copy of each
published contract (docs/contracts/), since services never import each other."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shomei_shared.messages import Event


@dataclass(frozen=True)
class PaymentCaptured(Event):
    """payment.payment: money was captured for an order (only a COMPLETED capture; rule 23)."""

    event_type = "PaymentCaptured"
    tenant_id: str
    aggregate_id: str  # the payment
    order_id: str
    amount: int
    captured_at: datetime


@dataclass(frozen=True)
class PaymentReversed(Event):
    """payment.payment: the capture that paid an order was taken back (Smart Pit's 速報取消)."""

    event_type = "PaymentReversed"
    tenant_id: str
    aggregate_id: str  # the payment
    order_id: str
    amount: int
    reason: str
    reversed_at: datetime


@dataclass(frozen=True)
class PaymentNotCounted(Event):
    """payment.payment: money arrived that the payment could not count for its order (a capture
    of a PayPal order left for another method, or a second payment once paid)."""

    event_type = "PaymentNotCounted"
    tenant_id: str
    aggregate_id: str  # the payment
    order_id: str
    capture_id: str
    amount: int
    reason: str  # abandoned_paypal_order | already_captured
    received_at: datetime
