"""In-memory print orders for the console's tests (issue 10); tests/integration's
test_admin_print_orders_contract.py holds it and the HTTP adapter against the real print-gateway
to the same cases."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from shomei_admin.service_layer.ports import StaffSession, UpstreamError
from shomei_admin.service_layer.print_orders import (
    ObservedPages,
    PrintedCopy,
    PrintOrderDetail,
    PrintOrderEvent,
    PrintOrderSummary,
    Reservation,
)

NOT_FOUND = "印刷の申込が見つかりません。"
# The console's filters as print-gateway reads them (its STAFF_FILTERS).
STATES = {"failed": ("failed",), "waiting": ("due",), "issued": ("issued", "withdrawing", "withdrawn"),
          "expired": ("expired",)}
PROVIDERS = {"netprint": "netprint", "sharp": "sharpprint"}


@dataclass
class FakePrintOrders:
    now: datetime = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)
    orders: dict[str, tuple[str, PrintOrderDetail]] = field(default_factory=dict)  # id → (tenant, detail)
    # Certificates issued in the period: (tenant, template, language) → each one's pages.
    pages: dict[tuple[str, str, str], list[int]] = field(default_factory=dict)

    def issued_pages(self, tenant: str, kind: str, language: str, *pages: int) -> None:
        self.pages.setdefault((tenant, kind, language), []).extend(pages)

    def _add(self, tenant: str, order_id: str, state: str, *, channel: str = "netprint", reason: str | None = None,
             alert: str | None = None, reservations: tuple[Reservation, ...] = (),
             history: tuple[PrintOrderEvent, ...] = ()) -> str:
        summary = PrintOrderSummary(order_id, state, channel, PROVIDERS[channel], 1 if reason else 0,
                                    self.now + timedelta(days=7), reason, alert)
        copies = [copy for reservation in reservations for copy in reservation.copies]
        self.orders[order_id] = (tenant, PrintOrderDetail(summary, len(copies), sum(c.printed for c in copies),
                                                          reservations, history))
        return order_id

    def waiting(self, tenant: str, order_id: str) -> str:
        return self._add(tenant, order_id, "due")

    def failed(self, tenant: str, order_id: str, reason: str = "record_not_found") -> str:
        return self._add(tenant, order_id, "failed", reason=reason,
                         history=(PrintOrderEvent(self.now, "PrintReservationFailed", reason=reason),))

    def issued(self, tenant: str, order_id: str, *, printed: int = 0, alert: str | None = None) -> str:
        copies = tuple(PrintedCopy(f"{order_id}-c{n}", "卒業証明書", n, 1, n <= printed) for n in (1, 2))
        # Taken back (an alert): the unprinted copies' numbers withdrawn, a printed one's left, as print-gateway does.
        reservations = tuple(Reservation(f"AB{n:06d}", "netprint", "deleted" if alert and not copy.printed
                                         else "submitted", (copy,)) for n, copy in enumerate(copies, 1))
        history = (PrintOrderEvent(self.now, "PrintReservationIssued"),
                   *(PrintOrderEvent(self.now, "CertificatePrinted") for _ in range(printed)))
        if alert:
            history += (PrintOrderEvent(self.now, "PrintReservationWithdrawn"),)
        return self._add(tenant, order_id, "withdrawn" if alert else "issued", alert=alert,
                         reservations=reservations, history=history)

    def _own(self, staff: StaffSession, order_id: str) -> PrintOrderDetail:
        tenant, detail = self.orders.get(order_id, ("", None))
        if detail is None or tenant != staff.tenant_id:
            raise UpstreamError(404, {"order_id": NOT_FOUND})
        return detail

    def print_orders(self, staff: StaffSession, state: str) -> list[PrintOrderSummary]:
        states = STATES[state] if state else ("due", "failed")
        found = [d.summary for t, d in self.orders.values() if t == staff.tenant_id and (
            d.summary.state in states or (state in ("", "failed") and d.summary.alert is not None))]
        return sorted(found, key=lambda summary: summary.deadline)

    def print_order(self, staff: StaffSession, order_id: str) -> PrintOrderDetail:
        return self._own(staff, order_id)

    def alerts(self, staff: StaffSession) -> int:
        return sum(1 for t, d in self.orders.values() if t == staff.tenant_id
                   and (d.summary.state == "failed" or d.summary.alert is not None))

    def retry(self, staff: StaffSession, order_id: str) -> str:
        if not staff.may("registrar"):
            raise UpstreamError(403, {"_request": "この操作の権限がありません。"})
        detail = self._own(staff, order_id)
        if detail.summary.state != "failed":
            return "already"
        retried = PrintOrderEvent(self.now, "PrintRetryRequested", staff.staff_id)
        self.orders[order_id] = (staff.tenant_id, replace(
            detail, summary=replace(detail.summary, state="due", attempts=0, failure_reason=None),
            history=(*detail.history, retried)))
        return "queued"

    def observed_pages(self, staff: StaffSession) -> list[ObservedPages]:
        return [ObservedPages(kind, language, len(counted), min(counted), float(statistics.median(counted)),
                              max(counted)) for (tenant, kind, language), counted in sorted(self.pages.items())
                if tenant == staff.tenant_id]
