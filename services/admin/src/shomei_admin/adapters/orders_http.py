"""Ordering's and payment's staff APIs behind the console's OrdersApi and PaymentsApi ports. Both
take the tenant and the staff member from identity's assertion (ADR 0019), so a search only ever
finds the staff member's university's orders."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from shomei_admin.adapters.http import upstream
from shomei_admin.service_layer.ports import (
    CatalogueVersion,
    OrderDetail,
    OrderEvent,
    OrderFilter,
    OrderSummary,
    PaymentRecord,
    RefundRequest,
    StaffSession,
    UnappliedPayment,
    UpstreamError,
)
from shomei_shared.web.client import InternalClient
from shomei_shared.web.paths import url_path

# The keys of an event that are not its details.
_EVENT_KEYS = ("event", "at", "correlation_id")


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _events(rows: list[dict[str, Any]]) -> tuple[OrderEvent, ...]:
    return tuple(OrderEvent(_moment(row["at"]), row["event"], row.get("correlation_id") or "",
                            tuple((key, str(value)) for key, value in row.items() if key not in _EVENT_KEYS))
                 for row in rows)


def _summary(row: dict[str, Any]) -> OrderSummary:
    return OrderSummary(row["id"], row["student_number"], row["status"], int(row["total"]), int(row["copies"]),
                        row["payment_method"], row["print_channel"], _moment(row["placed_at"]),
                        _moment(row["deadline"]), row.get("account_id", ""),
                        _moment(row["payment_reversed_at"]) if row.get("payment_reversed_at") else None)


class HttpOrders:
    def __init__(self, client: InternalClient) -> None:
        self._client = client

    def search(self, staff: StaffSession, filters: OrderFilter) -> list[OrderSummary]:
        query = {name: value for name, value in (
            ("order_id", filters.order_id), ("student_number", filters.student_number), ("status", filters.status),
            ("from", filters.first_day), ("to", filters.last_day), ("alert", filters.alert)) if value}
        with upstream():
            found = self._client.call("GET", "/internal/staff/orders" + (f"?{urlencode(query)}" if query else ""))
        return [_summary(row) for row in found["orders"]]

    def order(self, staff: StaffSession, order_id: str) -> OrderDetail:
        with upstream():
            row = self._client.call("GET", url_path("/internal/staff/orders/{}", order_id))
        lines = tuple((line.get("name_ja") or line["type"], int(line["copies"])) for line in row["lines"])
        return OrderDetail(_summary(row), lines, _events(row["history"]))

    def unapplied(self, staff: StaffSession) -> list[UnappliedPayment]:
        with upstream():
            found = self._client.call("GET", "/internal/staff/unapplied-payments")
        return [UnappliedPayment(row["payment_id"], row["order_id"], row["student_number"], int(row["amount"]),
                                 row["reason"], _moment(row["paid_at"])) for row in found["payments"]]

    def record_transfer_refund(self, staff: StaffSession, order_id: str, payment_id: str, reason: str) -> None:
        with upstream():
            self._client.call("POST", url_path("/internal/staff/orders/{}/unapplied-payments/{}/transfer-refund",
                                               order_id, payment_id), {"reason": reason})


class HttpPayments:
    def __init__(self, client: InternalClient) -> None:
        self._client = client

    def payments(self, staff: StaffSession, order_id: str) -> list[PaymentRecord]:
        with upstream():
            found = self._client.call("GET", "/internal/staff/payments?" + urlencode({"order_id": order_id}))
        return [PaymentRecord(row["id"], row["method"], int(row["amount"]), row["status"], _events(row["history"]),
                              int(row.get("refunded", 0))) for row in found["payments"]]

    def refund(self, staff: StaffSession, request: RefundRequest) -> int:
        with upstream():
            found = self._client.call("POST", url_path("/internal/staff/payments/{}/refunds", request.payment_id), {
                "request_key": request.request_key, "amount": request.amount, "reason": request.reason,
                "override_reason": request.override_reason})
        return int(found["amount"])


class HttpCatalogueEditor:
    def __init__(self, client: InternalClient) -> None:
        self._client = client

    def catalogue(self, staff: StaffSession) -> dict[str, Any]:
        with upstream():
            return dict(self._client.call("GET", "/internal/staff/catalogue"))

    def change_catalogue(self, staff: StaffSession, catalogue: dict[str, Any]) -> bool:
        try:
            with upstream():
                found = self._client.call("PUT", "/internal/staff/catalogue", {"catalogue": catalogue})
        except UpstreamError as error:
            # Ordering names the body's fields (`catalogue.types.0.fee`); the editor's are the catalogue's.
            raise UpstreamError(error.status, {name.removeprefix("catalogue."): reason
                                               for name, reason in error.errors.items()}) from None
        return bool(found["changed"])

    def history(self, staff: StaffSession) -> list[CatalogueVersion]:
        with upstream():
            found = self._client.call("GET", "/internal/staff/catalogue/history")
        return [CatalogueVersion(int(row["version"]), _moment(row["changed_at"]), str(row.get("staff_id") or ""),
                                 dict(row["catalogue"]), row.get("correlation_id") or "") for row in found["history"]]
