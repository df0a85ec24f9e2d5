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
