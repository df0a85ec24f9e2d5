"""What the gateway needs from print-gateway: the printing side of one of the graduate's orders.
The HTTP adapter speaks print-gateway's internal API (services/print-gateway/README.md); tests use
the fake in tests/printing_fakes.py, held to the same behaviour by tests/integration's contract test."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

ISSUED = ("issued", "fulfilled")


@dataclass(frozen=True)
class PrintCopy:
    title: str
    copy_number: int
    printed: bool


@dataclass(frozen=True)
class PrintReservation:
    number: str  # netprint's プリント予約番号 (one per copy) or Sharp's ユーザー番号 (one for the order)
    copies: tuple[PrintCopy, ...]


@dataclass(frozen=True)
class PrintView:
    # not_paid, waiting (being submitted), issued, fulfilled, failed, missed (paid too late), expired
    status: str
    print_channel: str  # netprint | sharp
    stores: dict[str, str]  # {ja, en}
    deadline: datetime
    reservations: tuple[PrintReservation, ...]
    steps: tuple[dict[str, str], ...]  # each {ja, en}, in order
    # Yen: every page issued × the chain's charge per page as quoted; None when not known (issue 10).
    print_estimate: int | None = None

    @property
    def printable(self) -> bool:
        return self.status in ISSUED


class PrintingApi(Protocol):
    def printing(self, tenant_id: str, account_id: str, order_id: str) -> PrintView | None:
        """The order's printing; None while print-gateway has not heard of it (or for another's)."""
