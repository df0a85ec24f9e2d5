"""Orders, captures and refunds as PayPal keeps them, in memory.

Memory, not a file: a simulator run is a sandbox a test or a person starts afresh, and PayPal's
own sandbox forgets nothing we would miss here. One re-entrant lock guards everything, so two
captures of one order (or two creates with one PayPal-Request-Id) give one result.
"""

import re
import secrets
import string
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from shomei_simulators.delivery import utc_now_text

T = TypeVar("T")

# What the payer picks on the approval page, and what the capture then does.
INSTRUMENTS = ("card_ok", "card_declined", "capture_declined", "capture_pending")
_ID_ALPHABET = string.ascii_uppercase + string.digits
_WHOLE_YEN = re.compile(r"[1-9][0-9]{0,8}")


def new_id() -> str:
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(17))


class PayPalError(Exception):
    """An error in PayPal's shape: HTTP status, name, one ``details[].issue``."""

    def __init__(self, status: int, name: str, issue: str, description: str) -> None:
        super().__init__(f"{name}: {issue}")
        self.status, self.name, self.issue, self.description = status, name, issue, description


def unprocessable(issue: str, description: str) -> PayPalError:
    return PayPalError(422, "UNPROCESSABLE_ENTITY", issue, description)


def not_found(what: str) -> PayPalError:
    description = f"Specified resource ID ({what}) does not exist."
    return PayPalError(404, "RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", description)


@dataclass
class Order:
    id: str
    invoice_id: str | None
    reference_id: str
    custom_id: str | None
    description: str | None
    value: int
    currency: str
    approve_rel: str  # "approve" (application_context) or "payer-action" (payment_source.paypal)
    return_url: str | None
    cancel_url: str | None
    status: str
    create_time: str = field(default_factory=utc_now_text)
    update_time: str = field(default_factory=utc_now_text)
    instrument: str | None = None
    payer_id: str | None = None
    capture_ids: list[str] = field(default_factory=list)


@dataclass
class Capture:
    id: str
    order_id: str
    invoice_id: str | None
    value: int
    currency: str
    status: str
    reason: str | None
    create_time: str = field(default_factory=utc_now_text)
    update_time: str = field(default_factory=utc_now_text)
    refund_ids: list[str] = field(default_factory=list)
    refunded: int = 0


@dataclass
class Refund:
    id: str
    capture_id: str
    invoice_id: str | None
    note_to_payer: str | None
    value: int
    currency: str
    status: str = "COMPLETED"
    create_time: str = field(default_factory=utc_now_text)


def whole_yen(amount: Any) -> tuple[int, str]:
    if not isinstance(amount, dict) or amount.get("currency_code") != "JPY":
        raise unprocessable("CURRENCY_NOT_SUPPORTED", "This simulator speaks JPY only.")
    value = amount.get("value")
    if not isinstance(value, str) or not _WHOLE_YEN.fullmatch(value):
        # JPY has no minor unit: PayPal refuses "1500.00" as it refuses "1500.5".
        raise unprocessable("DECIMAL_PRECISION", "JPY amounts are whole numbers.")
    return int(value), "JPY"


class Ledger:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.orders: dict[str, Order] = {}
        self.captures: dict[str, Capture] = {}
        self.refunds: dict[str, Refund] = {}
        self._answers: dict[tuple[str, str], Any] = {}

    def once(self, operation: str, request_id: str | None, compute: Callable[[], T]) -> tuple[T, bool]:
        """Answer a repeated PayPal-Request-Id with the first answer; (answer, was it repeated)."""
        with self.lock:
            if request_id and (operation, request_id) in self._answers:
                return self._answers[(operation, request_id)], True
            answer = compute()  # an error is not remembered: the caller may try again
            if request_id:
                self._answers[(operation, request_id)] = answer
            return answer, False

    def order(self, order_id: str) -> Order:
        with self.lock:
            if order_id not in self.orders:
                raise not_found(order_id)
            return self.orders[order_id]

    def capture(self, capture_id: str) -> Capture:
        with self.lock:
            if capture_id not in self.captures:
                raise not_found(capture_id)
            return self.captures[capture_id]

    def refund(self, refund_id: str) -> Refund:
        with self.lock:
            if refund_id not in self.refunds:
                raise not_found(refund_id)
            return self.refunds[refund_id]

    def create_order(self, body: dict[str, Any]) -> Order:
        if body.get("intent") != "CAPTURE":
            raise unprocessable("INTENT_NOT_SUPPORTED", "This simulator creates orders with intent CAPTURE only.")
        units = body.get("purchase_units")
        if not isinstance(units, list) or len(units) != 1 or not isinstance(units[0], dict):
            raise PayPalError(400, "INVALID_REQUEST", "MISSING_REQUIRED_PARAMETER", "Give exactly one purchase unit.")
        unit = units[0]
        value, currency = whole_yen(unit.get("amount"))
        experience = (body.get("payment_source") or {}).get("paypal", {}).get("experience_context")
        context = experience if isinstance(experience, dict) else body.get("application_context") or {}
        order = Order(
            id=new_id(), invoice_id=unit.get("invoice_id"), reference_id=unit.get("reference_id", "default"),
            custom_id=unit.get("custom_id"), description=unit.get("description"), value=value, currency=currency,
            approve_rel="payer-action" if isinstance(experience, dict) else "approve",
            return_url=context.get("return_url"), cancel_url=context.get("cancel_url"),
            status="PAYER_ACTION_REQUIRED" if isinstance(experience, dict) else "CREATED",
        )
        with self.lock:
            self.orders[order.id] = order
        return order

    def approve(self, order_id: str, instrument: str) -> Order:
        with self.lock:
            order = self.order(order_id)
            if order.status not in ("CREATED", "PAYER_ACTION_REQUIRED") or instrument not in INSTRUMENTS:
                raise unprocessable("ORDER_CANNOT_BE_APPROVED", "The order is not waiting for the payer.")
            order.status, order.instrument, order.payer_id = "APPROVED", instrument, order.payer_id or new_id()[:13]
            order.update_time = utc_now_text()
            return order

    def capture_order(self, order_id: str) -> tuple[Order, Capture]:
        with self.lock:
            order = self.order(order_id)
            if order.status == "COMPLETED":
                raise unprocessable("ORDER_ALREADY_CAPTURED", "Order already captured; one capture per order.")
            if order.status != "APPROVED":
                raise unprocessable("ORDER_NOT_APPROVED", "Payer has not yet approved the Order for payment.")
            if order.instrument == "card_declined":
                # PayPal sends the payer back to choose another card: the order waits for approval again.
                order.status = "PAYER_ACTION_REQUIRED" if order.approve_rel == "payer-action" else "CREATED"
                order.instrument = None
                raise unprocessable("INSTRUMENT_DECLINED", "Instrument declined; the payer may choose another.")
            status, reason = {
                "card_ok": ("COMPLETED", None),
                "capture_declined": ("DECLINED", None),
                "capture_pending": ("PENDING", "PENDING_REVIEW"),
            }[order.instrument or "card_ok"]
            capture = Capture(new_id(), order.id, order.invoice_id, order.value, order.currency, status, reason)
            self.captures[capture.id] = capture
            order.capture_ids.append(capture.id)
            order.status, order.update_time = "COMPLETED", utc_now_text()
            return order, capture

    def settle(self, capture_id: str, status: str) -> Capture:
        """A pending capture completes or is denied; a completed one is reversed (a chargeback)."""
        allowed = {"COMPLETED": ("PENDING",), "DECLINED": ("PENDING",), "REVERSED": ("COMPLETED", "PARTIALLY_REFUNDED")}
        with self.lock:
            capture = self.capture(capture_id)
            if capture.status not in allowed.get(status, ()):
                raise unprocessable("CAPTURE_STATUS_NOT_VALID", f"A {capture.status} capture cannot become {status}.")
            capture.status, capture.reason, capture.update_time = status, None, utc_now_text()
            return capture

    def refund_capture(self, capture_id: str, body: dict[str, Any]) -> Refund:
        with self.lock:
            capture = self.capture(capture_id)
            if capture.status == "REFUNDED":
                raise unprocessable("CAPTURE_FULLY_REFUNDED", "The capture has already been fully refunded.")
            if capture.status not in ("COMPLETED", "PARTIALLY_REFUNDED"):
                raise unprocessable("REFUND_NOT_ALLOWED", f"A {capture.status} capture cannot be refunded.")
            remaining = capture.value - capture.refunded
            value = whole_yen(body["amount"])[0] if body.get("amount") is not None else remaining
            if value > remaining:
                raise unprocessable("REFUND_AMOUNT_EXCEEDED", f"At most {remaining} JPY is left to refund.")
            refund = Refund(new_id(), capture.id, body.get("invoice_id") or capture.invoice_id,
                            body.get("note_to_payer"), value, capture.currency)
            self.refunds[refund.id] = refund
            capture.refund_ids.append(refund.id)
            capture.refunded += value
            capture.status = "REFUNDED" if capture.refunded == capture.value else "PARTIALLY_REFUNDED"
            capture.update_time = utc_now_text()
            return refund
