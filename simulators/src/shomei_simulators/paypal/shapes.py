"""The JSON PayPal answers with (Orders v2, Payments v2), made from the ledger's records."""

import secrets
from typing import Any

from shomei_simulators.paypal.ledger import Capture, Order, PayPalError, Refund


def _link(href: str, rel: str, method: str = "GET") -> dict[str, str]:
    return {"href": href, "rel": rel, "method": method}


def money(value: int, currency: str) -> dict[str, str]:
    return {"currency_code": currency, "value": str(value)}


def approval_url(base: str, order: Order) -> str:
    return f"{base}/checkoutnow?token={order.id}"


def capture_json(base: str, capture: Capture) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": capture.id,
        "status": capture.status,
        "amount": money(capture.value, capture.currency),
        "final_capture": True,
        "seller_protection": {"status": "ELIGIBLE"},
        "create_time": capture.create_time,
        "update_time": capture.update_time,
        "supplementary_data": {"related_ids": {"order_id": capture.order_id}},
        "links": [
            _link(f"{base}/v2/payments/captures/{capture.id}", "self"),
            _link(f"{base}/v2/payments/captures/{capture.id}/refund", "refund", "POST"),
            _link(f"{base}/v2/checkout/orders/{capture.order_id}", "up"),
        ],
    }
    if capture.invoice_id is not None:
        body["invoice_id"] = capture.invoice_id
    if capture.reason is not None:
        body["status_details"] = {"reason": capture.reason}
    return body


def refund_json(base: str, refund: Refund) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": refund.id,
        "status": refund.status,
        "amount": money(refund.value, refund.currency),
        "create_time": refund.create_time,
        "update_time": refund.create_time,
        "links": [
            _link(f"{base}/v2/payments/refunds/{refund.id}", "self"),
            _link(f"{base}/v2/payments/captures/{refund.capture_id}", "up"),
        ],
    }
    if refund.invoice_id is not None:
        body["invoice_id"] = refund.invoice_id
    if refund.note_to_payer is not None:
        body["note_to_payer"] = refund.note_to_payer
    return body


def order_json(base: str, order: Order, captures: list[Capture]) -> dict[str, Any]:
    unit: dict[str, Any] = {"reference_id": order.reference_id, "amount": money(order.value, order.currency)}
    for key in ("invoice_id", "custom_id", "description"):
        if getattr(order, key) is not None:
            unit[key] = getattr(order, key)
    if captures:
        unit["payments"] = {"captures": [capture_json(base, c) for c in captures]}
    links = [_link(f"{base}/v2/checkout/orders/{order.id}", "self")]
    if order.status in ("CREATED", "PAYER_ACTION_REQUIRED"):
        links.append(_link(approval_url(base, order), order.approve_rel))
    if order.status != "COMPLETED":
        links.append(_link(f"{base}/v2/checkout/orders/{order.id}/capture", "capture", "POST"))
    body: dict[str, Any] = {
        "id": order.id,
        "intent": "CAPTURE",
        "status": order.status,
        "purchase_units": [unit],
        "create_time": order.create_time,
        "update_time": order.update_time,
        "links": links,
    }
    if order.payer_id is not None:
        body["payer"] = {"payer_id": order.payer_id, "email_address": f"buyer-{order.payer_id.lower()}@example.com",
                         "name": {"given_name": "太郎", "surname": "証明"}}
        body["payment_source"] = {"paypal": {"account_id": order.payer_id, "account_status": "VERIFIED"}}
    return body


def error_json(error: PayPalError) -> dict[str, Any]:
    messages = {
        400: "Request is not well-formed, syntactically incorrect, or violates schema.",
        401: "Authentication failed due to invalid authentication credentials or a missing Authorization header.",
        404: "The specified resource does not exist.",
        422: "The requested action could not be performed, semantically incorrect, or failed business validation.",
    }
    body: dict[str, Any] = {
        "name": error.name,
        "message": messages.get(error.status, error.description),
        "debug_id": secrets.token_hex(7),
        "details": [{"issue": error.issue, "description": error.description}],
        "links": [_link(f"https://developer.paypal.com/docs/api/orders/v2/#error-{error.issue}", "information_link")],
    }
    return body
