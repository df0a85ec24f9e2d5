"""What the console needs of print-gateway's print orders (issue 10): the university's orders by
state (failed, waiting, issued, expired), one order's reservations, copies printed and history,
how many want staff (the navigation's alert), a retry of a failed submission (registrars), and the
pages its certificates ran to (the catalogue editor's, beside the pages typed per type).
print-gateway takes the tenant and the staff member from identity's assertion (ADR 0019); tests
use tests/print_order_fakes.py, held to the same cases as the HTTP adapter by
tests/integration/test_admin_print_orders_contract.py."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from shomei_admin.service_layer.ports import StaffSession

FILTERS = ("failed", "waiting", "issued", "expired")


@dataclass(frozen=True)
class PrintOrderSummary:
    order_id: str
    state: str  # due | failed | issued | withdrawn | expired
    print_channel: str  # netprint | sharp
    provider: str  # netprint | sharpprint
    attempts: int
    deadline: datetime
    failure_reason: str | None = None  # provider_unavailable | mix_up | record_not_found | ...
    alert: str | None = None  # paid_back_after_print


@dataclass(frozen=True)
class PrintedCopy:
    certificate_id: str
    title: str
    copy_number: int
    pages: int
    printed: bool


@dataclass(frozen=True)
class Reservation:
    number: str
    provider: str
    state: str  # submitted | deleted (withdrawn at the provider)
    copies: tuple[PrintedCopy, ...]


@dataclass(frozen=True)
class PrintOrderEvent:
    at: datetime
    what: str  # PrintReservationIssued | PrintReservationFailed | PrintRetryRequested | ...
    staff_id: str = ""
    reason: str = ""
    correlation_id: str = ""


@dataclass(frozen=True)
class PrintOrderDetail:
    summary: PrintOrderSummary
    copies: int
    copies_printed: int
    reservations: tuple[Reservation, ...]
    history: tuple[PrintOrderEvent, ...]


@dataclass(frozen=True)
class ObservedPages:
    """The pages of one template and language's certificates issued in the last `days` days."""

    kind: str  # the catalogue's template: graduation | transcript | ...
    language: str  # ja | en
    certificates: int  # one per copy
    least: int
    median: float
    most: int
    days: int = 90

    @property
    def suggested(self) -> int:
        """The pages to type: the median, a half rounded up (an estimate too low is the one that hurts)."""
        return math.ceil(self.median)

    def above(self, typed: int) -> bool:
        """The typed pages are below the median: the graduates' print estimate would be too low."""
        return typed < self.median


class PrintOrdersApi(Protocol):
    def print_orders(self, staff: StaffSession, state: str) -> list[PrintOrderSummary]:
        """By FILTERS' `state`; "" lists those waiting, failed or alerted. Nearest deadline first."""

    def print_order(self, staff: StaffSession, order_id: str) -> PrintOrderDetail:
        """UpstreamError 404 for none (never paid, or another university's)."""

    def alerts(self, staff: StaffSession) -> int:
        """How many of the university's orders want staff: failed, or alerted."""

    def retry(self, staff: StaffSession, order_id: str) -> str:
        """`queued`, or `already` (a double click, a colleague first: the order is no longer
        failed); UpstreamError 403 without the registrar role, 404 for another university's."""

    def observed_pages(self, staff: StaffSession) -> list[ObservedPages]:
        """Per template and language of the staff member's university, in the last 90 days."""
