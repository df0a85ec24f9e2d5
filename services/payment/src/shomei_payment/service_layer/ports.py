"""What the service layer needs of storage and the outside world; adapters provide it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from shomei_shared.clock import Clock
from shomei_shared.uow import AbstractUnitOfWork

Row = Mapping[str, Any]


class PaymentRepository(Protocol):
    """The payments as a table to read (a projection of the payment events) and the webhook ledger."""

    def save(self, row: Row) -> None:
        """Insert or update the projection row of one payment."""

    def get(self, payment_id: str) -> Row | None: ...

    def first_webhook(self, event_id: str, transmission_id: str, event_type: str, at: datetime) -> str:
        """Record a webhook: `new`, `duplicate` (its event id was applied) or `replayed` (this very
        transmission was received before)."""


    def stuck(self, before: datetime, limit: int) -> Sequence[Row]:
        """PayPal payments started, not settled, unchanged since `before`, oldest first."""

    def first_notice(self, notice_id: str, notice_type: str, at: datetime) -> bool:
        """Record a Smart Pit notice; False when its id was recorded before (sent again)."""


class PaymentUnitOfWork(AbstractUnitOfWork):
    payments: PaymentRepository


@dataclass(frozen=True)
class CaptureResult:
    """What PayPal answered to a capture, in our words: `COMPLETED`, `PENDING`, `DECLINED`, `FAILED`
    (a capture's statuses), or PayPal's issue `ORDER_NOT_APPROVED`, `INSTRUMENT_DECLINED`."""

    status: str
    capture_id: str = ""
    amount: int = 0
    reason: str = ""


class PayPal(Protocol):
    def create_order(self, request_id: str, invoice_id: str, amount: int, return_url: str,
                     cancel_url: str) -> tuple[str, str]:
        """A PayPal order (intent CAPTURE): its id and its approve link."""

    def capture(self, paypal_order_id: str, request_id: str) -> CaptureResult:
        """Capture once; ORDER_ALREADY_CAPTURED is answered with the capture made before."""

    def capture_of(self, paypal_order_id: str) -> CaptureResult | None:
        """What PayPal holds: the order's last capture, `APPROVED` (approved, not captured), or None
        (still waiting for the payer)."""

    def refund(self, capture_id: str, amount: int, request_id: str, invoice_id: str) -> str:
        """Refund `amount` of the capture; the refund's id (the same request id: the same refund)."""


class SmartPit(Protocol):
    def register_bill(self, bill_id: str, amount: int, due: datetime) -> str:
        """The bill's 13-digit Smart Pit number (the same bill id again: the same bill)."""


@dataclass(frozen=True)
class Dependencies:
    """What the handlers need besides storage; the bootstrap chooses real or test ones."""

    clock: Clock
    new_id: Callable[[], str]
