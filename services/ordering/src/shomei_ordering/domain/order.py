"""The order: one student number, one print channel, certificate types with copies, one payment
method (DOMAIN rules 21, 22), and its payment and print deadline (rules 4, 5).

placed → paid | cancelled (only while unpaid) | expired (unpaid when the deadline has passed).
Every transition happens once: asking again is answered by the state, never by a second event,
so the deadline process and payment notices may repeat themselves safely.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from shomei_ordering.domain.catalogue import Catalogue
from shomei_ordering.domain.deadlines import Deadline
from shomei_ordering.domain.events import OrderCancelled, OrderExpired, OrderPaid, OrderPlaced, PaymentNotApplied
from shomei_ordering.domain.quote import Eligibility, Line, quote
from shomei_shared.errors import Conflict
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
            print_estimate=quoted.print_estimate, placed_at=placed_at, deadline=quoted.deadline.last_moment,
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

    def apply_OrderPlaced(self, event: OrderPlaced) -> None:
        self.status = "placed"
        self.placed = event
        self.account_id = event.account_id
        self.total = event.total
        self.deadline = Deadline(last_moment=event.deadline, ends_at=event.ends_at)

    def apply_OrderPaid(self, event: OrderPaid) -> None:
        self.status = "paid"
        self.payment_ids.add(event.payment_id)

    def apply_OrderExpired(self, event: OrderExpired) -> None:
        self.status = "expired"

    def apply_OrderCancelled(self, event: OrderCancelled) -> None:
        self.status = "cancelled"

    def apply_PaymentNotApplied(self, event: PaymentNotApplied) -> None:
        self.payment_ids.add(event.payment_id)
