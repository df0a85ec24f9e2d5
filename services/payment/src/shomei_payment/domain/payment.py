"""One payment per order: created → approved → captured | declined | pending | refunded.

PayPal and its webhooks tell the same story several times and in any order; every method here
is therefore a request to move that records an event only when the move is new, and is
answered from the state otherwise (DOMAIN rule 23: only a COMPLETED capture pays).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from shomei_payment.domain.events import (
    PaymentApproved,
    PaymentCaptured,
    PaymentConfirmed,
    PaymentDeclined,
    PaymentMethodChanged,
    PaymentNotCounted,
    PaymentOpened,
    PaymentPending,
    PaymentQuickCancelled,
    PaymentRefunded,
    PaymentReversed,
    PayPalOrderCreated,
    RefundIssued,
    RefundRequested,
    SmartPitBillRegistered,
)
from shomei_shared.errors import Conflict, Violations
from shomei_shared.messages import Aggregate

METHODS = ("paypal", "smartpit")
STATUSES = ("created", "approved", "captured", "declined", "pending", "refunded")
SETTLED = ("captured", "refunded")
# The payment's id is derived from the order's, so hearing an order twice opens one payment.
_PAYMENTS = uuid.UUID("7d0e6a52-5f3c-4a54-9a4e-2f6f0c1b9e11")
# PayPal refused the instrument before making a capture: its order waits for another approval.
INSTRUMENT_DECLINED = "INSTRUMENT_DECLINED"


def payment_id_for(order_id: str) -> str:
    return str(uuid.uuid5(_PAYMENTS, order_id))


class Payment(Aggregate):
    topic = "payment.payment"  # listed in topics.txt

    def __init__(self, aggregate_id: str, tenant_id: str = "") -> None:
        super().__init__(aggregate_id, tenant_id)
        self.status = ""
        self.order_id = ""
        self.account_id = ""
        self.method = ""
        self.amount = 0
        self.ends_at: datetime | None = None
        self.deadline: datetime | None = None
        self.smartpit_number = ""
        self.cancelled_captures: set[str] = set()  # 速報取消: these never pay, whenever heard
        self.confirmed = False
        self.paypal_order_id = ""
        self.approve_url = ""
        self.attempt = 0
        self.capture_id = ""
        self.reuse_paypal_order = False
        self.instrument_retries = 0  # cards refused on the current PayPal order
        self.captured_amount = 0
        self.refunds: dict[str, RefundRequested] = {}  # staff refunds by request key
        self.refund_ids: dict[str, str] = {}  # PayPal's refund id by request key, once issued
        self.refunded_amount = 0
        self.abandoned_paypal_orders: set[str] = set()  # left for another method: never ours to capture
        self.uncounted: set[str] = set()  # captures told as money not counted

    @classmethod
    def open(cls, tenant_id: str, order_id: str, account_id: str, method: str, amount: int,
             deadline: datetime, ends_at: datetime) -> Payment:
        payment = cls(payment_id_for(order_id), tenant_id)
        payment.record(PaymentOpened(order_id=order_id, account_id=account_id, method=method, amount=amount,
                                     deadline=deadline, ends_at=ends_at))
        return payment

    # --- PayPal, driven by the graduate -------------------------------------------------------

    def existing_approval(self, now: datetime) -> str | None:
        """The approve link to send the graduate to again, or None when a new PayPal order is
        needed; raises when this payment cannot be paid by PayPal now."""
        if self.method != "paypal":
            raise Conflict.one("payment_not_paypal", "order_id")
        if self.status in SETTLED:
            raise Conflict.one("payment_already_captured", "order_id")
        if self.status == "pending":
            raise Conflict.one("payment_pending", "order_id")
        if self.ends_at is not None and now >= self.ends_at:
            raise Conflict.one("payment_deadline_passed", "order_id")
        if self.paypal_order_id and (self.status in ("created", "approved") or self.reuse_paypal_order):
            return self.approve_url
        return None

    def next_request_id(self) -> str:
        """PayPal-Request-Id of the next PayPal order: the payment's id, then one per retry."""
        return self.id if self.attempt == 0 else f"{self.id}.{self.attempt + 1}"

    def capture_request_id(self) -> str:
        """Its own PayPal-Request-Id per PayPal order: a second capture request is the same one."""
        first = f"{self.id}.capture.{self.attempt}"
        # After a refused card PayPal waits for another approval; that capture is a new request.
        return f"{first}.{self.instrument_retries}" if self.instrument_retries else first

    def may_capture(self) -> bool:
        """Asking PayPal to capture makes sense: started, and neither settled, pending nor finally declined."""
        if self.status == "declined":
            return self.reuse_paypal_order
        return self.status in ("created", "approved") and bool(self.paypal_order_id)

    def paypal_order_created(self, paypal_order_id: str, approve_url: str) -> None:
        if paypal_order_id != self.paypal_order_id:
            self.record(PayPalOrderCreated(paypal_order_id=paypal_order_id, attempt=self.attempt + 1,
                                           approve_url=approve_url))

    def approved(self, paypal_order_id: str) -> None:
        if self.status == "created" and paypal_order_id == self.paypal_order_id:
            self.record(PaymentApproved(paypal_order_id=paypal_order_id))

    def captured(self, capture_id: str, amount: int, at: datetime, paypal_order_id: str = "",
                 method: str = "") -> None:
        """Money captured (by `method`, the payment's own when not said). Of a PayPal order left for
        another method, or a second capture once the order's money was counted, it is told as not
        counted (for staff to refund), once."""
        method = method or self.method
        if capture_id in self.cancelled_captures or capture_id in self.uncounted:
            return
        if paypal_order_id and paypal_order_id in self.abandoned_paypal_orders:
            reason = "abandoned_paypal_order"
        elif self.status in SETTLED:
            if not capture_id or capture_id == self.capture_id:
                return  # the counted capture, told again
            reason = "already_captured"
        else:
            self.record(PaymentCaptured(order_id=self.order_id, method=method, amount=amount,
                                        capture_id=capture_id, captured_at=at))
            return
        self.record(PaymentNotCounted(order_id=self.order_id, method=method, capture_id=capture_id,
                                      amount=amount, reason=reason, received_at=at))

    def method_changed(self, method: str) -> None:
        """The order is paid another way now; once its money was counted, that money stands."""
        if method == self.method or self.status in SETTLED:
            return
        self.record(PaymentMethodChanged(method=method, previous=self.method,
                                         abandoned_paypal_order_id=self.paypal_order_id))

    def capture_pending(self, capture_id: str, reason: str) -> None:
        if self.status in ("created", "approved"):
            self.record(PaymentPending(capture_id=capture_id, reason=reason))

    def declined(self, paypal_order_id: str, capture_id: str, issue: str) -> None:
        """A refusal of the current PayPal order only: one of an earlier attempt changes nothing."""
        current = self.status in ("created", "approved", "pending") or (
            self.status == "declined" and self.reuse_paypal_order)  # a second card refused too
        if current and paypal_order_id in ("", self.paypal_order_id):
            self.record(PaymentDeclined(paypal_order_id=self.paypal_order_id, capture_id=capture_id, issue=issue))

    def refunded(self, capture_id: str, amount: int, reason: str, at: datetime) -> None:
        """Money given back (a refund or a chargeback). Heard before the capture it undoes (webhooks
        arrive in any order), it first records that capture: a refund proves one was made."""
        if self.status == "refunded":
            return
        if self.status != "captured":
            self.captured(capture_id, amount, at)
        self.record(PaymentRefunded(order_id=self.order_id, capture_id=capture_id or self.capture_id,
                                    amount=amount, reason=reason, refunded_at=at))

    # --- Refunds by staff (PayPal captures; ADR 0029) -------------------------------------------

    def request_refund(self, request_key: str, amount: int, staff_id: str, note: str, override_reason: str,
                       now: datetime) -> None:
        """Record the refund `request_key` asks for, once; asked again (a double click), nothing more
        is checked or recorded. After the print deadline (DOMAIN rule 5: the fee is not refunded)
        only with a staff member's reason for it."""
        if request_key in self.refunds:
            return
        if self.method != "paypal":
            raise Conflict.one("refund_not_paypal", "amount")
        if self.status != "captured" or not self.capture_id:
            raise Conflict.one("refund_not_captured", "amount")
        problems = Violations()
        if not note.strip():
            problems.required("reason")
        # Asked but not issued yet counts too: two forms cannot both take what is left.
        left = self.captured_amount - sum(r.amount for r in self.refunds.values())
        if isinstance(amount, bool) or not 1 <= amount <= left:
            problems.add("refund_amount_out_of_range", "amount", most=left)
        if self.deadline is not None and now > self.deadline and not override_reason.strip():
            problems.add("refund_after_deadline", "override_reason")
        problems.raise_if_any()
        self.record(RefundRequested(request_key=request_key, amount=amount, staff_id=staff_id, note=note.strip(),
                                    override_reason=override_reason.strip()))

    def refund_request_id(self, request_key: str) -> str:
        """PayPal-Request-Id of a staff refund: the same for the same request, so PayPal makes one."""
        return f"{self.id}.refund.{request_key}"

    def refund_issued(self, request_key: str, refund_id: str, at: datetime) -> None:
        """PayPal made the refund; once all is refunded, the payment is (PaymentRefunded)."""
        requested = self.refunds.get(request_key)
        if requested is None or request_key in self.refund_ids:
            return
        self.record(RefundIssued(request_key=request_key, refund_id=refund_id, amount=requested.amount))
        if self.refunded_amount >= self.captured_amount and self.status == "captured":
            self.record(PaymentRefunded(order_id=self.order_id, capture_id=self.capture_id,
                                        amount=self.captured_amount, reason="refunded", refunded_at=at))

    def refund_in_hand(self, refund_id: str) -> bool:
        """A refund webhook for a refund staff asked for: theirs to record (or recorded already)."""
        issued = refund_id in self.refund_ids.values()
        waiting = any(key not in self.refund_ids for key in self.refunds)
        return issued or waiting

    # --- Smart Pit ------------------------------------------------------------------------------

    def existing_bill(self, now: datetime) -> str | None:
        """The bill's number when registered, None when one is needed; raises when it cannot be."""
        if self.method != "smartpit":
            raise Conflict.one("payment_not_smartpit", "order_id")
        if self.status in SETTLED:
            raise Conflict.one("payment_already_captured", "order_id")
        if self.smartpit_number:
            return self.smartpit_number
        if self.ends_at is not None and now >= self.ends_at:
            raise Conflict.one("payment_deadline_passed", "order_id")
        return None

    def bill_registered(self, smartpit_number: str) -> None:
        if not self.smartpit_number and self.deadline is not None:
            self.record(SmartPitBillRegistered(smartpit_number=smartpit_number, due=self.deadline))

    def quick_cancelled(self, capture_id: str, at: datetime) -> None:
        """速報取消, also heard before its 速報: that payment never counts. When it had paid the
        order, the order is told (PaymentReversed). A confirmed (確報) payment cannot be cancelled."""
        if capture_id in self.cancelled_captures or (self.confirmed and capture_id == self.capture_id):
            return
        had_paid = self.status == "captured" and self.capture_id == capture_id
        amount = self.captured_amount
        self.record(PaymentQuickCancelled(capture_id=capture_id))
        if had_paid:
            self.record(PaymentReversed(order_id=self.order_id, capture_id=capture_id, amount=amount,
                                        reason="quick_cancelled", reversed_at=at))

    def confirm(self, capture_id: str, amount: int, at: datetime) -> None:
        """確報; heard before its 速報, it pays first (a confirmation proves the payment)."""
        if capture_id in self.cancelled_captures or self.confirmed:
            return
        if self.status != "captured":
            self.captured(capture_id, amount, at, method="smartpit")
        if self.status == "captured" and self.capture_id == capture_id:
            self.record(PaymentConfirmed(capture_id=capture_id))

    # --- folds ----------------------------------------------------------------------------------

    def apply_PaymentOpened(self, event: PaymentOpened) -> None:
        self.status = "created"
        self.order_id, self.account_id, self.method = event.order_id, event.account_id, event.method
        self.amount, self.ends_at, self.deadline = event.amount, event.ends_at, event.deadline

    def apply_PayPalOrderCreated(self, event: PayPalOrderCreated) -> None:
        self.status = "created"
        self.paypal_order_id, self.approve_url, self.attempt = event.paypal_order_id, event.approve_url, event.attempt
        self.reuse_paypal_order = False
        self.instrument_retries = 0

    def apply_PaymentApproved(self, event: PaymentApproved) -> None:
        self.status = "approved"

    def apply_PaymentPending(self, event: PaymentPending) -> None:
        self.status, self.capture_id = "pending", event.capture_id

    def apply_PaymentDeclined(self, event: PaymentDeclined) -> None:
        self.status = "declined"
        self.reuse_paypal_order = event.issue == INSTRUMENT_DECLINED
        self.instrument_retries += self.reuse_paypal_order

    def apply_PaymentCaptured(self, event: PaymentCaptured) -> None:
        self.status, self.capture_id, self.captured_amount = "captured", event.capture_id, event.amount

    def apply_RefundRequested(self, event: RefundRequested) -> None:
        self.refunds[event.request_key] = event

    def apply_RefundIssued(self, event: RefundIssued) -> None:
        self.refund_ids[event.request_key] = event.refund_id
        self.refunded_amount += event.amount

    def apply_PaymentRefunded(self, event: PaymentRefunded) -> None:
        self.status = "refunded"

    def apply_SmartPitBillRegistered(self, event: SmartPitBillRegistered) -> None:
        self.smartpit_number = event.smartpit_number

    def apply_PaymentQuickCancelled(self, event: PaymentQuickCancelled) -> None:
        self.cancelled_captures.add(event.capture_id)
        if self.status == "captured" and self.capture_id == event.capture_id:
            self.status, self.capture_id = "created", ""

    def apply_PaymentReversed(self, event: PaymentReversed) -> None:
        pass  # the PaymentQuickCancelled recorded with it made the payment payable again

    def apply_PaymentMethodChanged(self, event: PaymentMethodChanged) -> None:
        self.method, self.status = event.method, "created"
        if event.abandoned_paypal_order_id:
            self.abandoned_paypal_orders.add(event.abandoned_paypal_order_id)
        self.paypal_order_id = self.approve_url = self.capture_id = ""
        self.reuse_paypal_order, self.instrument_retries = False, 0

    def apply_PaymentNotCounted(self, event: PaymentNotCounted) -> None:
        self.uncounted.add(event.capture_id)

    def apply_PaymentConfirmed(self, event: PaymentConfirmed) -> None:
        self.confirmed = True
