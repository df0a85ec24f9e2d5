"""A crash point for tests only: `SHOMEI_TEST_CRASH_POINT=after_paypal_capture` makes the process
kill itself (SIGKILL) the moment PayPal has answered a capture, before the answer is recorded in
our transaction. The crash tests set it on a real web or reconciliation process to show that a
restart captures nothing twice; nothing else sets it, and outside development and test it is
refused at start rather than obeyed."""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Mapping

from shomei_payment.service_layer.ports import CaptureResult, PayPal
from shomei_payment.settings import PaymentSettings
from shomei_shared.settings import SettingsError

log = logging.getLogger(__name__)
VARIABLE = "SHOMEI_TEST_CRASH_POINT"
AFTER_PAYPAL_CAPTURE = "after_paypal_capture"


class DyingAfterCapture:
    """PayPal as given, except that this process dies as soon as a capture is answered."""

    def __init__(self, paypal: PayPal) -> None:
        self._paypal = paypal

    def create_order(self, request_id: str, invoice_id: str, amount: int, return_url: str,
                     cancel_url: str) -> tuple[str, str]:
        return self._paypal.create_order(request_id, invoice_id, amount, return_url, cancel_url)

    def capture(self, paypal_order_id: str, request_id: str) -> CaptureResult:
        result = self._paypal.capture(paypal_order_id, request_id)
        log.warning("test crash point %s: dying with PayPal's answer unrecorded", AFTER_PAYPAL_CAPTURE)
        os.kill(os.getpid(), signal.SIGKILL)
        return result  # not reached

    def capture_of(self, paypal_order_id: str) -> CaptureResult | None:
        return self._paypal.capture_of(paypal_order_id)

    def refund(self, capture_id: str, amount: int, request_id: str, invoice_id: str) -> str:
        return self._paypal.refund(capture_id, amount, request_id, invoice_id)


def with_crash_point(paypal: PayPal, settings: PaymentSettings, env: Mapping[str, str] | None = None) -> PayPal:
    """`paypal`, or when the variable asks for it (development and test only), one that dies."""
    point = (os.environ if env is None else env).get(VARIABLE, "")
    if not point:
        return paypal
    if not settings.relaxed:
        raise SettingsError(f"{VARIABLE} is for tests; refused in {settings.environment}")
    if point != AFTER_PAYPAL_CAPTURE:
        raise SettingsError(f"{VARIABLE}: unknown crash point {point!r}")
    return DyingAfterCapture(paypal)


