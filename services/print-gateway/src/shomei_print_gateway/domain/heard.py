"""The events print-gateway hears from other services, as print-gateway reads them: its own copy of each
published contract (docs/contracts/ordering/), since services never import each other. `tenant_id`,
`aggregate_id` (the order) and `occurred_at` come from the envelope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shomei_shared.messages import Event


@dataclass(frozen=True)
class OrderPlaced(Event):
    """ordering.order: what was ordered, for which student number, printed where and until when."""

    event_type = "OrderPlaced"
    tenant_id: str
    aggregate_id: str
    account_id: str
    student_number: str
    print_channel: str  # netprint | sharp
    lines: list[dict[str, Any]]  # {type, name_ja, name_en, copies, pages, template?, language?}
    deadline: datetime  # 23:59:59 JST of day 7: the last moment to print (rule 5)
    ends_at: datetime  # 00:00 JST of day 8
    # Yen per page at the chain, as ordering's catalogue said when the order was placed (v3; for
    # v1/v2 derived from the estimate by the upcaster); None when not known.
    print_charge_per_page: int | None = None


@dataclass(frozen=True)
class OrderPaid(Event):
    event_type = "OrderPaid"
    tenant_id: str
    aggregate_id: str
    payment_id: str
    paid_at: datetime


@dataclass(frozen=True)
class OrderPaymentReversed(Event):
    """ordering.order: the money that paid the order was taken back (Smart Pit's 速報取消, ADR
    0034); the order awaits payment again. What was issued on it is withdrawn (ADR 0032)."""

    event_type = "OrderPaymentReversed"
    tenant_id: str
    aggregate_id: str
    payment_id: str
    amount: int
    reversed_at: datetime
    reason: str  # quick_cancelled
