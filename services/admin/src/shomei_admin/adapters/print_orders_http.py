"""print-gateway's staff print-order API behind the console's PrintOrdersApi port (issue 10)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from shomei_admin.adapters.http import upstream
from shomei_admin.service_layer.ports import StaffSession, UpstreamError
from shomei_admin.service_layer.print_orders import (
    ObservedPages,
    PrintedCopy,
    PrintOrderDetail,
    PrintOrderEvent,
    PrintOrderSummary,
    Reservation,
)
from shomei_shared.web.client import InternalClient
from shomei_shared.web.paths import url_path


def _summary(row: dict[str, Any]) -> PrintOrderSummary:
    return PrintOrderSummary(row["order_id"], row["state"], row["print_channel"], row["provider"], row["attempts"],
                             datetime.fromisoformat(row["deadline"]), row.get("failure_reason"), row.get("alert"))


class HttpPrintOrders:
    def __init__(self, client: InternalClient) -> None:
        self._client = client

    def print_orders(self, staff: StaffSession, state: str) -> list[PrintOrderSummary]:
        with upstream():
            found = self._client.call("GET", "/internal/staff/print-orders" + (f"?state={state}" if state else ""))
        return [_summary(row) for row in found["orders"]]

    def print_order(self, staff: StaffSession, order_id: str) -> PrintOrderDetail:
        with upstream():
            row = self._client.call("GET", url_path("/internal/staff/print-orders/{}", order_id))
        reservations = tuple(Reservation(r["number"], r["provider"], r["state"], tuple(
            PrintedCopy(c["certificate_id"], c["title"], c["copy_number"], c["pages"], c["printed"])
            for c in r["copies"])) for r in row["reservations"])
        history = tuple(PrintOrderEvent(datetime.fromisoformat(e["at"]), e["event"], e.get("staff_id") or "",
                                        e.get("reason") or "", e.get("correlation_id") or "") for e in row["history"])
        return PrintOrderDetail(_summary(row), row["copies"], row["copies_printed"], reservations, history)

    def alerts(self, staff: StaffSession) -> int:
        with upstream():
            return int(self._client.call("GET", "/internal/staff/print-orders/alerts")["alerts"])

    def retry(self, staff: StaffSession, order_id: str) -> str:
        try:
            with upstream():
                self._client.call("POST", url_path("/internal/staff/print-orders/{}/retry", order_id))
        except UpstreamError as error:
            if error.status == 409:
                return "already"  # retried by the first click (or a colleague): it is no longer failed
            raise
        return "queued"

    def observed_pages(self, staff: StaffSession) -> list[ObservedPages]:
        with upstream():
            found = self._client.call("GET", "/internal/staff/page-counts")
        return [ObservedPages(row["kind"], row["language"], row["certificates"], row["least"], row["median"],
                              row["most"], found["days"]) for row in found["page_counts"]]
