"""payment's crash point for the SIGKILL test (`shomei_shared.crash_points`):
`SHOMEI_TEST_CRASH_POINT=after_paypal_capture` makes a web or reconciliation process die the
moment PayPal has answered a capture, before the answer is recorded in our transaction."""

from __future__ import annotations

from collections.abc import Mapping

from shomei_payment.service_layer.ports import CaptureResult, PayPal
from shomei_payment.settings import PaymentSettings
from shomei_shared.crash_points import CrashPoints

AFTER_PAYPAL_CAPTURE = "after_paypal_capture"


class DyingAfterCapture:
    """PayPal as given, except that this process dies as soon as a capture is answered."""

    def __init__(self, paypal: PayPal, crash_points: CrashPoints) -> None:
        self._paypal, self._crash_points = paypal, crash_points

    def create_order(self, request_id: str, invoice_id: str, amount: int, return_url: str,
                     cancel_url: str) -> tuple[str, str]:
        return self._paypal.create_order(request_id, invoice_id, amount, return_url, cancel_url)

    def capture(self, paypal_order_id: str, request_id: str) -> CaptureResult:
        result = self._paypal.capture(paypal_order_id, request_id)
        self._crash_points.reached(AFTER_PAYPAL_CAPTURE)
        return result

    def capture_of(self, paypal_order_id: str) -> CaptureResult | None:
        return self._paypal.capture_of(paypal_order_id)

    def refund(self, capture_id: str, amount: int, request_id: str, invoice_id: str) -> str:
        return self._paypal.refund(capture_id, amount, request_id, invoice_id)


def with_crash_point(paypal: PayPal, settings: PaymentSettings, env: Mapping[str, str] | None = None) -> PayPal:
    """`paypal`, or when the variable asks for it (development and test only), one that dies."""
    crash_points = CrashPoints.from_env(settings, {AFTER_PAYPAL_CAPTURE}, env)
    return DyingAfterCapture(paypal, crash_points) if crash_points.armed else paypal
