"""Reads of payments for staff (views, outside the bus)."""

from __future__ import annotations

from typing import Any

from shomei_payment.domain.payment import payment_id_for
from shomei_payment.service_layer.ports import PaymentUnitOfWork

# What staff see of each event: the providers' ids, amounts and reasons. Never the approve link
# (it lets whoever holds it act in the graduate's PayPal checkout) nor the graduate's account.
_HISTORY_FIELDS = ("paypal_order_id", "capture_id", "amount", "reason", "issue", "smartpit_number", "attempt",
                   "refund_id", "staff_id", "note", "override_reason")


def payments_for_staff(tenant_id: str, order_id: str, uow: PaymentUnitOfWork) -> list[dict[str, Any]]:
    """The order's payment (one per order, ADR 0029) with its history; another tenant's is as
    absent as none."""
    payment_id = payment_id_for(order_id)
    with uow:
        row = uow.payments.get(payment_id)
        if row is None or row["tenant_id"] != tenant_id:
            return []
        stored = uow.events.load(payment_id)
    history = [{"event": e.type, "at": e.occurred_at.isoformat(), "correlation_id": e.correlation_id,
                **{k: e.payload[k] for k in _HISTORY_FIELDS if k in e.payload}} for e in stored]
    refunded = sum(int(e.payload["amount"]) for e in stored if e.type == "RefundIssued")
    return [{"id": row["id"], "order_id": row["order_id"], "method": row["method"], "amount": row["amount"],
             "status": row["status"], "capture_id": row["capture_id"], "updated_at": row["updated_at"].isoformat(),
             "refunded": refunded, "history": history}]
