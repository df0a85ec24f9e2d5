"""A paid order on its way to the store: issued (numbers at the provider), failed, missed (paid
after its window), then printed copy by copy, fulfilled, and expired at the end of its window.

The order's details (student number, lines, deadline) are print-gateway's table, heard from
ordering; this aggregate holds only what its events say, so a replay rebuilds it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from shomei_print_gateway.domain.events import (
    CertificatePrinted,
    PrintOrderFulfilled,
    PrintReservationExpired,
    PrintReservationFailed,
    PrintReservationIssued,
    PrintReservationWithdrawn,
    PrintRetryRequested,
    PrintWaitStopped,
    PrintWindowMissed,
)
from shomei_shared.errors import Conflict
from shomei_shared.messages import Aggregate

# record_incomplete: the record lacks what the kind certifies or holds a character the font cannot print.
FAILURE_REASONS = ("provider_unavailable", "mix_up", "record_not_found", "record_incomplete", "template_unknown")


class PrintOrder(Aggregate):
    topic = "print-gateway.reservation"  # listed in topics.txt

    def __init__(self, aggregate_id: str, tenant_id: str = "") -> None:
        super().__init__(aggregate_id, tenant_id)
        self.status = "open"  # open | issued | failed | missed | fulfilled | expired | withdrawn
        self.reservations: list[dict[str, Any]] = []
        self.printed: set[str] = set()
        self.print_estimate: int | None = None

    @property
    def certificate_ids(self) -> list[str]:
        return [cid for reservation in self.reservations for cid in reservation["certificate_ids"]]

    @property
    def numbers(self) -> list[str]:
        return [reservation["number"] for reservation in self.reservations]

    def missed(self, payment_id: str, paid_at: datetime, deadline: datetime) -> None:
        if self.status == "open":
            self.record(PrintWindowMissed(payment_id=payment_id, paid_at=paid_at, deadline=deadline))

    def issued(self, print_channel: str, reservations: list[dict[str, Any]], deadline: datetime,
               at: datetime, page_charge: int | None = None) -> None:
        """`reservations`: {number, certificate_ids, pages}; the estimate is their pages × `page_charge`."""
        if self.status == "open":
            estimate = None if page_charge is None else page_charge * sum(int(r["pages"]) for r in reservations)
            self.record(PrintReservationIssued(print_channel=print_channel, reservations=reservations,
                                               deadline=deadline, issued_at=at, print_estimate=estimate))

    def failed(self, reason: str, attempts: int, at: datetime) -> None:
        if reason not in FAILURE_REASONS:
            raise ValueError(reason)
        if self.status == "open":
            self.record(PrintReservationFailed(reason=reason, attempts=attempts, failed_at=at))

    def retry(self, staff_id: str, at: datetime) -> None:
        if self.status != "failed":
            raise Conflict.one("print_order_not_failed", "order_id")
        self.record(PrintRetryRequested(staff_id=staff_id, requested_at=at))

    def stop_waiting(self, payment_id: str, at: datetime) -> None:
        """Its payment was taken back before anything reached the store: open again, for the next payment."""
        if self.status in ("open", "failed"):
            self.record(PrintWaitStopped(payment_id=payment_id, stopped_at=at))

    def unprinted_numbers(self) -> list[str]:
        """The numbers still holding a copy not printed (netprint: one per copy; Sharp: the one)."""
        return [reservation["number"] for reservation in self.reservations
                if set(reservation["certificate_ids"]) - self.printed]

    def withdraw(self, at: datetime) -> bool:
        """Its payment was taken back after issue: the unprinted numbers go (the caller deleted
        them at the provider); False when nothing was issued or it ended already."""
        if self.status not in ("issued", "fulfilled"):
            return False
        self.record(PrintReservationWithdrawn(numbers=self.unprinted_numbers(), copies_printed=len(self.printed),
                                              withdrawn_at=at))
        return True

    def copy_printed(self, certificate_id: str, number: str, at: datetime) -> bool:
        """False for a copy printed before (the machine prints again; the copy was printed once)
        or one that is not this order's."""
        if self.status not in ("issued", "fulfilled") or certificate_id in self.printed:
            return False
        if certificate_id not in self.certificate_ids:
            return False
        self.record(CertificatePrinted(certificate_id=certificate_id, number=number, printed_at=at))
        if self.status == "issued" and self.printed >= set(self.certificate_ids):
            self.record(PrintOrderFulfilled(fulfilled_at=at))
        return True

    def expire(self, at: datetime) -> bool:
        """The window's end: also for an order never (or not yet) submitted, whose numbers are none."""
        if self.status in ("missed", "expired", "withdrawn"):
            return False
        self.record(PrintReservationExpired(numbers=self.numbers, expired_at=at))
        return True

    def apply_PrintWindowMissed(self, event: PrintWindowMissed) -> None:
        self.status = "missed"

    def apply_PrintReservationIssued(self, event: PrintReservationIssued) -> None:
        self.status = "issued"
        self.reservations = [dict(reservation) for reservation in event.reservations]
        self.print_estimate = event.print_estimate

    def apply_PrintReservationFailed(self, event: PrintReservationFailed) -> None:
        self.status = "failed"

    def apply_PrintRetryRequested(self, event: PrintRetryRequested) -> None:
        self.status = "open"

    def apply_CertificatePrinted(self, event: CertificatePrinted) -> None:
        self.printed.add(event.certificate_id)

    def apply_PrintOrderFulfilled(self, event: PrintOrderFulfilled) -> None:
        self.status = "fulfilled"

    def apply_PrintReservationExpired(self, event: PrintReservationExpired) -> None:
        self.status = "expired"

    def apply_PrintWaitStopped(self, event: PrintWaitStopped) -> None:
        self.status = "open"

    def apply_PrintReservationWithdrawn(self, event: PrintReservationWithdrawn) -> None:
        self.status = "withdrawn"
