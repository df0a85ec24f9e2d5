"""The events payment hears from other services, as payment reads them: its own copy of each
published contract (docs/contracts/), since services never import each other."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shomei_shared.messages import Event


@dataclass(frozen=True)
class OrderPlaced(Event):
    """ordering.order: an order was placed; payment reads what it costs and until when."""

    event_type = "OrderPlaced"
    tenant_id: str
    aggregate_id: str  # the order
    account_id: str
    payment_method: str
    total: int
    deadline: datetime
    ends_at: datetime


@dataclass(frozen=True)
class OrderPaymentMethodChanged(Event):
    """ordering.order: the graduate pays the order another way now."""

    event_type = "OrderPaymentMethodChanged"
    tenant_id: str
    aggregate_id: str  # the order
    payment_method: str
