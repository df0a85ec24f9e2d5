"""Bills, terminal slips (申込券) and payments as the Smart Pit centre keeps them, in memory.

In memory for the reason the PayPal simulator gives: a run is a sandbox. One re-entrant lock
guards it, so a bill registered twice at once, or paid at two registers, has one outcome.
"""

import secrets
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from shomei_simulators.smartpit.numbers import is_well_formed, new_number

MAX_AMOUNT = 300_000  # yen per bill
STORES = {"familymart": "ファミリーマート", "lawson": "ローソン", "ministop": "ミニストップ"}


class SmartPitError(Exception):
    """A refusal with a code a caller (the API or the terminal page) turns into its words."""

    def __init__(self, code: str, status: int = 422) -> None:
        super().__init__(code)
        self.code, self.status = code, status


@dataclass
class Payment:
    id: str
    number: str
    store: str
    amount: int
    paid_at: datetime
    status: str = "quick"  # quick (速報) → confirmed (確報) | quick_cancelled (速報取消)


@dataclass
class Bill:
    number: str
    bill_id: str
    amount: int
    due: datetime
    description: str | None
    registered_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    cancelled: bool = False
    payment_ids: list[str] = field(default_factory=list)

    def to_dict(self, payments: dict[str, Payment]) -> dict[str, Any]:
        paid = [payments[p] for p in self.payment_ids if payments[p].status != "quick_cancelled"]
        status = "cancelled" if self.cancelled else "paid" if paid else "registered"
        return {
            "smartpit_number": self.number, "bill_id": self.bill_id, "amount": self.amount,
            "due": self.due.isoformat(), "description": self.description, "status": status,
            "registered_at": self.registered_at.isoformat(timespec="seconds"),
            "payments": [{"payment_id": p.id, "store": p.store, "amount": p.amount, "status": p.status,
                          "paid_at": p.paid_at.isoformat(timespec="seconds")}
                         for p in (payments[i] for i in self.payment_ids)],
        }


@dataclass(frozen=True)
class Slip:
    id: str  # the 受付番号 printed on the 申込券
    number: str
    store: str
    amount: int
    due: datetime
    issued_at: datetime


def parse_due(value: Any) -> datetime:
    try:
        due = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        due = None
    if due is None or due.tzinfo is None:
        raise SmartPitError("due_invalid", 400)
    return due


class Centre:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.bills: dict[str, Bill] = {}
        self.payments: dict[str, Payment] = {}
        self.slips: dict[str, Slip] = {}
        self._by_bill_id: dict[str, str] = {}

    def register(self, body: dict[str, Any]) -> tuple[Bill, bool]:
        """Register a bill; the same ``bill_id`` again gives the same bill (and ``True``)."""
        bill_id, amount = body.get("bill_id"), body.get("amount")
        if not isinstance(bill_id, str) or not 1 <= len(bill_id) <= 64:
            raise SmartPitError("bill_id_invalid", 400)
        if not isinstance(amount, int) or isinstance(amount, bool) or not 1 <= amount <= MAX_AMOUNT:
            raise SmartPitError("amount_invalid", 400)
        due = parse_due(body.get("due"))
        if due <= datetime.now(UTC):
            raise SmartPitError("due_in_past", 400)
        with self.lock:
            if bill_id in self._by_bill_id:
                bill = self.bills[self._by_bill_id[bill_id]]
                if (bill.amount, bill.due) != (amount, due):
                    raise SmartPitError("bill_id_conflict", 409)
                return bill, True
            number = new_number()
            while number in self.bills:
                number = new_number()
            bill = Bill(number, bill_id, amount, due, body.get("description"))
            self.bills[number] = bill
            self._by_bill_id[bill_id] = number
            return bill, False

    def bill(self, number: str) -> Bill:
        with self.lock:
            if number not in self.bills:
                raise SmartPitError("number_unknown" if is_well_formed(number) else "number_malformed", 404)
            return self.bills[number]

    def cancel_bill(self, number: str) -> Bill:
        with self.lock:
            bill = self.bill(number)
            if self.is_paid(bill):
                raise SmartPitError("already_paid", 409)
            bill.cancelled = True
            return bill

    def is_paid(self, bill: Bill) -> bool:
        return any(self.payments[p].status != "quick_cancelled" for p in bill.payment_ids)

    def issue_slip(self, number: str, store: str) -> Slip:
        """The store terminal: a payable bill gives a 申込券; anything else a reason."""
        if store not in STORES:
            raise SmartPitError("store_invalid", 400)
        if not is_well_formed(number):
            raise SmartPitError("number_malformed", 400)
        with self.lock:
            bill = self.bill(number)
            if bill.cancelled:
                raise SmartPitError("bill_cancelled")
            if self.is_paid(bill):
                raise SmartPitError("already_paid")
            if bill.due <= datetime.now(UTC):
                raise SmartPitError("past_due")
            slip = Slip("".join(str(secrets.randbelow(10)) for _ in range(11)), number, store, bill.amount,
                        bill.due, datetime.now(UTC))
            self.slips[slip.id] = slip
            return slip

    def pay(self, number: str, store: str, paid_at: datetime | None = None, late: bool = False) -> Payment:
        """Money taken at the register. ``late`` skips the deadline check, as a test's late payment."""
        with self.lock:
            bill = self.bill(number)
            if bill.cancelled or self.is_paid(bill):
                raise SmartPitError("bill_cancelled" if bill.cancelled else "already_paid", 409)
            if not late and bill.due <= datetime.now(UTC):
                raise SmartPitError("past_due")
            payment = Payment(uuid.uuid4().hex[:20].upper(), number, store, bill.amount, paid_at or datetime.now(UTC))
            self.payments[payment.id] = payment
            bill.payment_ids.append(payment.id)
            return payment

    def pay_slip(self, slip_id: str) -> Payment:
        with self.lock:
            slip = self.slips.pop(slip_id, None)
            if slip is None:
                raise SmartPitError("slip_unknown", 404)
            return self.pay(slip.number, slip.store)

    def change_payment(self, payment_id: str, status: str) -> Payment:
        """確報 (``confirmed``) or 速報取消 (``quick_cancelled``); both only after a 速報."""
        with self.lock:
            payment = self.payments.get(payment_id)
            if payment is None:
                raise SmartPitError("payment_unknown", 404)
            if payment.status != "quick":
                raise SmartPitError("payment_not_quick", 409)
            payment.status = status
            return payment
