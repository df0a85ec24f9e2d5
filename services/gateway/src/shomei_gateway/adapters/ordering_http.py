"""The ordering service's internal API behind the gateway's OrderingApi port.

Like enrollment's account calls, none of these sends the tenant or the account: ordering takes
both from identity's assertion for the signed-in graduate (ADR 0019). Ordering names a line's
field by its place in the body (`lines.1.copies`); the order form's inputs have the same names,
so its reasons land at their fields unchanged."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from shomei_gateway.adapters.identity_http import fields_as
from shomei_gateway.service_layer.ordering import (
    CertificateType,
    HistoryEntry,
    OrderCatalogue,
    OrderLine,
    OrderQuote,
    OrderRequest,
    OrderView,
)
from shomei_gateway.service_layer.ports import UpstreamError
from shomei_shared.web.client import InternalClient
from shomei_shared.web.paths import url_path


def _lines(found: dict[str, Any]) -> tuple[OrderLine, ...]:
    return tuple(OrderLine(line["type"], line.get("name_ja", line["type"]), line.get("name_en", line["type"]),
                           int(line["fee"]), int(line["copies"]), int(line["pages"]))
                 for line in found.get("lines", ()))


def _choices(order: OrderRequest) -> dict[str, Any]:
    return {"student_number": order.student_number, "enrollment_status": order.enrollment_status,
            "programme": order.programme, "print_channel": order.print_channel,
            "payment_method": order.payment_method,
            "lines": [{"type": code, "copies": copies} for code, copies in order.lines]}


def _view(found: dict[str, Any]) -> OrderView:
    lines = _lines(found)
    history = tuple(HistoryEntry(entry["event"], datetime.fromisoformat(entry["at"]))
                    for entry in found.get("history", ()))
    return OrderView(
        id=found["id"], student_number=found["student_number"], print_channel=found["print_channel"],
        payment_method=found["payment_method"], total=int(found["total"]), status=found["status"],
        placed_at=datetime.fromisoformat(found["placed_at"]), deadline=datetime.fromisoformat(found["deadline"]),
        copies=int(found["copies"]), lines=lines, history=history, usage_fee=found.get("usage_fee"),
        print_estimate=found.get("print_estimate"))


class HttpOrdering:
    def __init__(self, client: InternalClient) -> None:
        self._client = client

    def catalogue(self, tenant_id: str, account_id: str) -> OrderCatalogue:
        with fields_as({}):
            found = self._client.call("GET", "/internal/catalogue")
        types = tuple(CertificateType(t["code"], t["name_ja"], t["name_en"], int(t["fee"]), int(t["pages"]),
                                      tuple(t["statuses"]), tuple(t["programmes"]), bool(t["store_printing"]))
                      for t in found["types"])
        return OrderCatalogue(types, int(found["usage_fee"]), {k: int(v) for k, v in found["print_charges"].items()},
                              tuple(found["payment_methods"]))

    def quote(self, tenant_id: str, account_id: str, order: OrderRequest) -> OrderQuote:
        with fields_as({}):
            found = self._client.call("POST", "/internal/quotes", _choices(order))
        return OrderQuote(_lines(found), int(found["usage_fee"]), int(found["total"]), int(found["print_estimate"]),
                          datetime.fromisoformat(found["deadline"]))

    def place(self, tenant_id: str, account_id: str, order: OrderRequest) -> str:
        body = {**_choices(order), "idempotency_key": order.idempotency_key}
        if order.confirmed_deadline is not None:
            body["confirmed_deadline"] = order.confirmed_deadline.isoformat()
        with fields_as({}):
            placed = self._client.call("POST", "/internal/orders", body)
        return str(placed["order_id"])

    def orders(self, tenant_id: str, account_id: str) -> list[OrderView]:
        with fields_as({}):
            found = self._client.call("GET", "/internal/orders")
        return [_view(order) for order in found["orders"]]

    def order(self, tenant_id: str, account_id: str, order_id: str) -> OrderView | None:
        try:
            with fields_as({}):
                found = self._client.call("GET", url_path("/internal/orders/{}", order_id))
        except UpstreamError as error:
            if error.status == 404:
                return None
            raise
        return _view(found)

    def cancel(self, tenant_id: str, account_id: str, order_id: str) -> None:
        with fields_as({}):
            self._client.call("POST", url_path("/internal/orders/{}/cancellation", order_id))

    def change_payment_method(self, tenant_id: str, account_id: str, order_id: str, method: str) -> str:
        with fields_as({}):
            changed = self._client.call("POST", url_path("/internal/orders/{}/payment-method", order_id),
                                        {"payment_method": method})
        return str(changed["payment_method"])
