"""What the service layer needs of storage and the outside world; adapters provide it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from shomei_shared.clock import Clock
from shomei_shared.uow import AbstractUnitOfWork

Row = Mapping[str, Any]


@dataclass(frozen=True)
class OrderSearch:
    """Staff's search: every given criterion must hold; days are JST calendar days of placing."""

    status: str | None = None
    student_number: str | None = None
    order_id: str | None = None
    account_id: str | None = None
    placed_from: date | None = None
    placed_to: date | None = None
    alert: str | None = None  # payment_reversed: orders whose money was taken back
    limit: int = 100


class OrderRepository(Protocol):
    """The orders as a table to list and search (a projection of the order events)."""

    def add(self, row: Row) -> bool:
        """Insert a new order; False when one of that id exists already (the same idempotency key)."""

    def get(self, order_id: str) -> Row | None: ...
    def set_status(self, order_id: str, status: str, at: datetime) -> None: ...
    def of_account(self, tenant_id: str, account_id: str) -> Sequence[Row]: ...
    def search(self, tenant_id: str, search: OrderSearch) -> Sequence[Row]: ...

    def due(self, now: datetime, limit: int) -> Sequence[str]:
        """Ids of unpaid orders whose deadline has passed at `now`, oldest deadline first."""

    def set_payment_method(self, order_id: str, method: str) -> None: ...

    def payment_reversed(self, order_id: str, at: datetime) -> None:
        """Mark the order for staff: the money that paid it was taken back."""

    def record_unapplied(self, row: Row) -> None:
        """Money not applied, open for a refund (recorded again for the same payment: replaced)."""

    def close_unapplied(self, payment_id: str, status: str, at: datetime, staff_id: str = "", note: str = "") -> None:
        """`refunded` by staff (who, why) or `reversed` (taken back before anyone refunded it)."""

    def unapplied(self, tenant_id: str) -> Sequence[Row]:
        """The tenant's money not applied and not refunded yet, oldest first."""


class OrderingUnitOfWork(AbstractUnitOfWork):
    orders: OrderRepository


@dataclass(frozen=True)
class Dependencies:
    """What the handlers need besides storage; the bootstrap chooses real or test ones."""

    clock: Clock
    new_id: Callable[[], str]
