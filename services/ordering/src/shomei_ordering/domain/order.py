"""The order: one student number, one print channel, certificate types with copies, one payment
method (DOMAIN rules 21, 22), and its payment and print deadline (rules 4, 5).

placed → paid | cancelled (only while unpaid) | expired (unpaid when the deadline has passed);
paid → placed again when the money that paid it is taken back (Smart Pit's 速報取消, ADR 0034).
Every transition happens once: asking again is answered by the state, never by a second event,
so the deadline process and payment notices may repeat themselves safely.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from shomei_ordering.domain.catalogue import Catalogue
from shomei_ordering.domain.deadlines import Deadline
from shomei_ordering.domain.events import (
    OrderCancelled,
    OrderExpired,
    OrderPaid,
    OrderPaymentMethodChanged,
    OrderPaymentReversed,
    OrderPlaced,
    PaymentNotApplied,
    UnappliedPaymentRefunded,
    UnappliedPaymentReversed,
)
from shomei_ordering.domain.quote import METHOD_LIMITS, Eligibility, Line, quote
from shomei_shared.errors import Conflict, Violations
from shomei_shared.messages import Aggregate


class Order(Aggregate):
    topic = "ordering.order"  # listed in topics.txt

    def __init__(self, aggregate_id: str, tenant_id: str = "") -> None:
        super().__init__(aggregate_id, tenant_id)
        self.status = ""
        self.account_id = ""
        self.total = 0
        self.deadline: Deadline | None = None
        self.payment_ids: set[str] = set()
        self.placed: OrderPlaced | None = None
        self.paid_by = ""  # the payment that paid the order
        self.payment_method = ""
        self.unapplied: dict[str, int] = {}  # money not applied, not yet refunded: amount by payment
        self.refunded_by_staff: set[str] = set()

    @classmethod
    def place(cls, order_id: str, tenant_id: str, account_id: str, eligibility: Eligibility, print_channel: str,
              payment_method: str, lines: Sequence[Line], catalogue: Catalogue, placed_at: datetime,
              confirmed_deadline: datetime | None = None) -> Order:
        """`confirmed_deadline`: the deadline the graduate's confirmation page showed; an order
        whose deadline would differ (midnight JST passed since) is refused, not placed."""
        quoted = quote(eligibility, print_channel, payment_method, lines, catalogue, placed_at)
        if confirmed_deadline is not None and confirmed_deadline != quoted.deadline.last_moment:
            raise Conflict.one("deadline_changed", "deadline", deadline=quoted.deadline.last_moment.isoformat())
        order = cls(order_id, tenant_id)
        order.record(OrderPlaced(
            account_id=account_id, student_number=eligibility.student_number, print_channel=print_channel,
            payment_method=payment_method, lines=quoted.lines, usage_fee=quoted.usage_fee, total=quoted.total,
            print_estimate=quoted.print_estimate, print_charge_per_page=quoted.print_charge_per_page,
            placed_at=placed_at, deadline=quoted.deadline.last_moment,
            ends_at=quoted.deadline.ends_at))
        return order

    def cancel(self, now: datetime, by: str) -> None:
        if self.status == "cancelled":
            return
        if self.status != "placed":
            raise Conflict.one("order_not_cancellable", "order_id", status=self.status)
        self.record(OrderCancelled(cancelled_at=now, by=by))

    def expire_if_due(self, now: datetime) -> bool:
        """Expire an unpaid order whose deadline has passed; True only the one time it does."""
        if self.status != "placed" or self.deadline is None or not self.deadline.passed(now):
            return False
        self.record(OrderExpired(expired_at=now))
        return True

    def pay(self, payment_id: str, amount: int, paid_at: datetime) -> str:
        """Apply a captured payment; the answer says what became of it (`paid`, or why not).
        The same payment told twice has one effect; money the order cannot take is recorded
        once, for staff to refund."""
        if payment_id in self.payment_ids:
            return "duplicate"
        if self.status == "placed" and self.deadline is not None and self.deadline.passed(paid_at):
            self.record(OrderExpired(expired_at=paid_at))
        reason = {"expired": "expired", "cancelled": "cancelled", "paid": "already_paid"}.get(self.status)
        if reason is None and amount != self.total:
            reason = "amount_mismatch"
        if reason is not None:
            self.record(PaymentNotApplied(payment_id=payment_id, amount=amount, paid_at=paid_at, reason=reason))
            return reason
        self.record(OrderPaid(payment_id=payment_id, amount=amount, paid_at=paid_at))
        return "paid"

    def change_payment_method(self, method: str, offered: Sequence[str], now: datetime) -> None:
        """Another way to pay, while the order is unpaid and its deadline has not passed; the same
        method again (a double click) changes nothing."""
        if method == self.payment_method:
            return
        if self.status != "placed" or self.deadline is None or self.deadline.passed(now):
            raise Conflict.one("payment_method_not_changeable", "payment_method", status=self.status)
        problems = Violations()
        if method not in offered:
            problems.add("payment_method_not_offered", "payment_method", method=method)
        limit = METHOD_LIMITS.get(method)
        if limit is not None and self.total > limit:
            problems.add("amount_exceeds_method_limit", "payment_method", most=limit, total=self.total)
        problems.raise_if_any()
        self.record(OrderPaymentMethodChanged(payment_method=method, previous=self.payment_method, changed_at=now))

    def money_not_counted(self, money_id: str, amount: int, reason: str, at: datetime) -> bool:
        """Money the payment service could not count for the order (a capture of a PayPal order
        the graduate left for Smart Pit, or a second payment): kept for staff to refund, once."""
        if money_id in self.payment_ids:
            return False
        self.record(PaymentNotApplied(payment_id=money_id, amount=amount, paid_at=at, reason=reason))
        return True

    def payment_reversed(self, payment_id: str, amount: int, reason: str, at: datetime) -> str:
        """The payment's money was taken back: `reversed` (the order awaits payment again, or
        expires when its deadline has passed), `withdrawn` (it was money not applied), or
        `ignored` (told before, or of money this order never took)."""
        if self.status == "paid" and self.paid_by == payment_id:
            self.record(OrderPaymentReversed(payment_id=payment_id, amount=amount, reversed_at=at, reason=reason))
            self.expire_if_due(at)
            return "reversed"
        if payment_id in self.unapplied:
            self.record(UnappliedPaymentReversed(payment_id=payment_id, amount=amount, reversed_at=at))
            return "withdrawn"
        return "ignored"

    def refunded_by_transfer(self, payment_id: str, staff_id: str, note: str, at: datetime) -> None:
        """Staff gave money not applied back by bank transfer; told again (a double click), nothing more."""
        if payment_id in self.refunded_by_staff:
            return
        if payment_id not in self.unapplied:
            raise Conflict.one("unapplied_payment_not_found", "payment_id")
        if not note.strip():
            problems = Violations()
            problems.required("reason")
            problems.raise_if_any()
        self.record(UnappliedPaymentRefunded(payment_id=payment_id, amount=self.unapplied[payment_id],
                                             staff_id=staff_id, note=note.strip(), refunded_at=at))

    def apply_OrderPlaced(self, event: OrderPlaced) -> None:
        self.status = "placed"
        self.placed = event
        self.account_id = event.account_id
        self.total = event.total
        self.deadline = Deadline(last_moment=event.deadline, ends_at=event.ends_at)
        self.payment_method = event.payment_method

    def apply_OrderPaymentMethodChanged(self, event: OrderPaymentMethodChanged) -> None:
        self.payment_method = event.payment_method

    def apply_OrderPaid(self, event: OrderPaid) -> None:
        self.status = "paid"
        self.paid_by = event.payment_id
        self.payment_ids.add(event.payment_id)

    def apply_OrderPaymentReversed(self, event: OrderPaymentReversed) -> None:
        # The same payment may pay again (a new 速報 for the same bill): no longer "told before".
        self.status, self.paid_by = "placed", ""
        self.payment_ids.discard(event.payment_id)

    def apply_UnappliedPaymentReversed(self, event: UnappliedPaymentReversed) -> None:
        self.unapplied.pop(event.payment_id, None)
        self.payment_ids.discard(event.payment_id)

    def apply_UnappliedPaymentRefunded(self, event: UnappliedPaymentRefunded) -> None:
        self.unapplied.pop(event.payment_id, None)
        self.refunded_by_staff.add(event.payment_id)

    def apply_OrderExpired(self, event: OrderExpired) -> None:
        self.status = "expired"

    def apply_OrderCancelled(self, event: OrderCancelled) -> None:
        self.status = "cancelled"

    def apply_PaymentNotApplied(self, event: PaymentNotApplied) -> None:
        self.payment_ids.add(event.payment_id)
        self.unapplied[event.payment_id] = event.amount
