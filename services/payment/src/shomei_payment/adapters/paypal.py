"""A thin PayPal client of our own (Orders v2 and the OAuth token) on `requests`: the calls
payment makes, nothing more (ADR 0029). The secret and the token never reach a log line."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import requests

from shomei_payment.service_layer.ports import CaptureResult

log = logging.getLogger(__name__)
TIMEOUT = (5.0, 20.0)  # connect, read: a slow PayPal must not hold a worker for ever
# PayPal's issues answered as an outcome, not as a failure of the call.
ISSUES = ("ORDER_NOT_APPROVED", "INSTRUMENT_DECLINED")


class PayPalError(RuntimeError):
    """PayPal answered what we cannot act on (its name, issue and debug id; never the body)."""


class PayPalClient:
    def __init__(self, base_url: str, client_id: str, client_secret: str,
                 session: requests.Session | None = None, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._base = base_url.rstrip("/")
        self._auth = (client_id, client_secret)
        self._session = session or requests.Session()
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._token = ""
        self._token_until = 0.0

    def token(self) -> str:
        """The access token, asked again a minute before it expires (one per process, shared)."""
        with self._lock:
            if not self._token or self._monotonic() >= self._token_until:
                answer = self._session.post(f"{self._base}/v1/oauth2/token", auth=self._auth,
                                            data={"grant_type": "client_credentials"}, timeout=TIMEOUT)
                body = self._json(answer, "token")
                self._token = str(body["access_token"])
                self._token_until = self._monotonic() + max(0, int(body.get("expires_in", 0)) - 60)
            return self._token

    def create_order(self, request_id: str, invoice_id: str, amount: int, return_url: str,
                     cancel_url: str) -> tuple[str, str]:
        body = {"intent": "CAPTURE",
                "purchase_units": [{"invoice_id": invoice_id,
                                    "amount": {"currency_code": "JPY", "value": str(amount)}}],
                "application_context": {"return_url": return_url, "cancel_url": cancel_url,
                                        "user_action": "PAY_NOW", "shipping_preference": "NO_SHIPPING"}}
        order = self._json(self._post("/v2/checkout/orders", request_id, body), "create order")
        approve = next((link["href"] for link in order.get("links", [])
                        if link.get("rel") in ("approve", "payer-action")), None)
        if approve is None:
            raise PayPalError(f"order {order.get('id')} has no approve link")
        return str(order["id"]), str(approve)

    def capture(self, paypal_order_id: str, request_id: str) -> CaptureResult:
        answer = self._post(f"/v2/checkout/orders/{paypal_order_id}/capture", request_id, None)
        issue = self._issue(answer)
        if issue == "ORDER_ALREADY_CAPTURED":
            # Captured by an earlier request of ours (or a lost answer): read what was made.
            answer = self._session.get(f"{self._base}/v2/checkout/orders/{paypal_order_id}",
                                       headers=self._headers(), timeout=TIMEOUT)
        elif issue in ISSUES:
            return CaptureResult(status=issue)
        order = self._json(answer, "capture")
        captures = order["purchase_units"][0].get("payments", {}).get("captures", [])
        if not captures:
            raise PayPalError(f"order {paypal_order_id} answered a capture without one")
        return _result(captures[-1])

    def capture_of(self, paypal_order_id: str) -> CaptureResult | None:
        answer = self._session.get(f"{self._base}/v2/checkout/orders/{paypal_order_id}", headers=self._headers(),
                                   timeout=TIMEOUT)
        order = self._json(answer, "get order")
        captures = order["purchase_units"][0].get("payments", {}).get("captures", [])
        if captures:
            return _result(captures[-1])
        return CaptureResult(status="APPROVED") if order.get("status") == "APPROVED" else None

    def refund(self, capture_id: str, amount: int, request_id: str, invoice_id: str) -> str:
        answer = self._post(f"/v2/payments/captures/{capture_id}/refund", request_id,
                            {"amount": {"value": str(amount), "currency_code": "JPY"}, "invoice_id": invoice_id})
        return str(self._json(answer, "refund")["id"])

    def _headers(self, request_id: str | None = None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.token()}", "Content-Type": "application/json"}
        if request_id is not None:
            headers["PayPal-Request-Id"] = request_id
        return headers

    def _post(self, path: str, request_id: str, body: dict[str, Any] | None) -> requests.Response:
        return self._session.post(f"{self._base}{path}", json=body, headers=self._headers(request_id),
                                  timeout=TIMEOUT)

    @staticmethod
    def _issue(answer: requests.Response) -> str:
        if answer.status_code != 422:
            return ""
        details = answer.json().get("details") or [{}]
        return str(details[0].get("issue", ""))

    @staticmethod
    def _json(answer: requests.Response, what: str) -> dict[str, Any]:
        if answer.status_code >= 300:
            try:
                error = answer.json()
            except ValueError:
                error = {}
            issue = (error.get("details") or [{}])[0].get("issue", "")
            raise PayPalError(f"PayPal {what}: {answer.status_code} {error.get('name', '')} {issue} "
                              f"debug_id={error.get('debug_id', '')}")
        body: dict[str, Any] = answer.json()
        return body


def _result(capture: dict[str, Any]) -> CaptureResult:
    return CaptureResult(status=str(capture["status"]), capture_id=str(capture["id"]),
                         amount=int(str(capture["amount"]["value"])),
                         reason=str(capture.get("status_details", {}).get("reason", "")))
