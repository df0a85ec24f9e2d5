"""Commands: what callers (its jobs process, the stores' callbacks, staff) ask print-gateway to do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shomei_shared.messages import Command


@dataclass(frozen=True)
class SubmitDueOrders(Command):
    """One round of the jobs process: issue and submit the paid orders whose attempt is due."""

    limit: int = 20


@dataclass(frozen=True)
class ExpireEndedOrders(Command):
    """One round: withdraw the files of issued orders whose window has ended (00:00 JST of day 8)."""

    limit: int = 50


@dataclass(frozen=True)
class WithdrawReversedOrders(Command):
    """One round: withdraw at the provider the unprinted numbers of issued orders whose payment
    was taken back (OrderPaymentReversed), and alert staff when a copy was printed."""

    limit: int = 50


@dataclass(frozen=True)
class RenderMissingPreviews(Command):
    """One round, when no order waits to be submitted: the verification previews of certificates
    issued without one, from the PDFs still held (ADR 0039). Small, so that an order paid meanwhile
    waits at most one batch (about 50 ms a preview)."""

    limit: int = 8


@dataclass(frozen=True)
class RecordPrinted(Command):
    """A store's machine printed a document (the provider's verified callback)."""

    provider: str
    number: str
    document_id: str
    printed_at: datetime


@dataclass(frozen=True)
class RetryPrintOrder(Command):
    tenant_id: str
    order_id: str
    staff_id: str
