"""Events of print-gateway's print orders, published on `print-gateway.reservation`. They carry ids,
numbers and times only: names, student numbers and certificate contents stay in print-gateway's
database (issue 10; ADR 0032). Their schemas are in adapters/event_schemas.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shomei_shared.messages import Event


@dataclass(frozen=True)
class PrintReservationIssued(Event):
    """Every copy of a paid order is at the store's provider: the numbers to enter at the machine."""

    event_type = "PrintReservationIssued"
    event_version = 2
    print_channel: str  # netprint | sharp
    # One per number: {number, certificate_ids, pages (v2)}; netprint one number per copy, Sharp one for all.
    reservations: list[dict[str, Any]]
    deadline: datetime
    issued_at: datetime
    # v2: every page issued × the chain's charge per page as quoted (yen); None when that is unknown.
    print_estimate: int | None = None


@dataclass(frozen=True)
class PrintReservationFailed(Event):
    """Nothing was submitted: `provider_unavailable` (after the configured time), `mix_up` (a
    document did not name its holder), `record_not_found`, `record_incomplete` (v2: the renderer
    refused the record), `template_unknown`. Staff may retry."""

    event_type = "PrintReservationFailed"
    event_version = 2
    reason: str
    attempts: int
    failed_at: datetime


@dataclass(frozen=True)
class PrintRetryRequested(Event):
    event_type = "PrintRetryRequested"
    staff_id: str
    requested_at: datetime


@dataclass(frozen=True)
class PrintWindowMissed(Event):
    """Paid after the order's print deadline (rule 26): nothing is printed; payment refunds it."""

    event_type = "PrintWindowMissed"
    payment_id: str
    paid_at: datetime
    deadline: datetime


@dataclass(frozen=True)
class CertificatePrinted(Event):
    event_type = "CertificatePrinted"
    certificate_id: str
    number: str
    printed_at: datetime


@dataclass(frozen=True)
class PrintOrderFulfilled(Event):
    """Every copy of the order has been printed at a store."""

    event_type = "PrintOrderFulfilled"
    fulfilled_at: datetime


@dataclass(frozen=True)
class PrintReservationExpired(Event):
    """The print window ended (00:00 JST of day 8): the numbers stop working, the files are gone."""

    event_type = "PrintReservationExpired"
    numbers: list[str]
    expired_at: datetime


@dataclass(frozen=True)
class PrintWaitStopped(Event):
    """The payment of an order not yet at the store was taken back (OrderPaymentReversed): it
    waits no more (a failed one is no longer retried); the next OrderPaid queues it again."""

    event_type = "PrintWaitStopped"
    payment_id: str
    stopped_at: datetime


@dataclass(frozen=True)
class PrintReservationWithdrawn(Event):
    """The payment of an issued order was taken back: the numbers holding an unprinted copy were
    withdrawn at the provider and the files deleted. `copies_printed` > 0: a certificate left
    the store unpaid, staff are alerted (paid_back_after_print)."""

    event_type = "PrintReservationWithdrawn"
    numbers: list[str]
    copies_printed: int
    withdrawn_at: datetime


@dataclass(frozen=True)
class ItemCreated(Event):
    """The skeleton's example, published before print-gateway's domain replaced it. Nothing records
    it any more; its schema stays registered, as every published contract does (ADR 0017)."""

    event_type = "ItemCreated"
    title: str
