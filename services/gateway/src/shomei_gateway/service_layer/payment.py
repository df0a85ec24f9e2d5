"""What the gateway needs from payment: start or finish paying one of the graduate's orders.
The HTTP adapter speaks payment's internal API (services/payment/README.md); tests use the fake
in tests/payment_fakes.py, held to the same behaviour by tests/integration's contract test."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

# Payment's statuses the pages tell apart; any other (created, approved, …) is still to be paid.
CAPTURED = ("captured", "confirmed")
PENDING = "pending"
DECLINED = "declined"


@dataclass(frozen=True)
class PaymentView:
    order_id: str
    method: str  # paypal | smartpit
    amount: int
    status: str  # opened, created, approved, captured, pending, declined, confirmed, refunded, …

    @property
    def paid(self) -> bool:
        return self.status in CAPTURED


class PaymentApi(Protocol):
    """The tenant and account are the signed-in graduate's; the HTTP adapter sends identity's
    assertion instead, which names the same two (ADR 0019). Payment knows an order only once it
    has heard ordering's OrderPlaced: until then each call raises UpstreamError 404."""

    def start_paypal(self, tenant_id: str, account_id: str, order_id: str, return_url: str, cancel_url: str) -> str:
        """Where to send the browser to approve (the same PayPal order when asked again);
        UpstreamError 409 for a paid, pending, expired or non-PayPal order."""

    def paypal_return(self, tenant_id: str, account_id: str, order_id: str, token: str) -> str:
        """Capture once, however often called: `captured`, `pending` or `declined`; UpstreamError
        409 for a token that is not this payment's, or a payment not (yet) approved."""

    def smartpit_bill(self, tenant_id: str, account_id: str, order_id: str) -> str:
        """The 13-digit number to pay at a store (the same one when asked again); UpstreamError 409
        for a paid, expired or non-Smart Pit order."""

    def payment(self, tenant_id: str, account_id: str, order_id: str) -> PaymentView | None:
        """The order's payment; None while payment has not heard of it (or for another's)."""
