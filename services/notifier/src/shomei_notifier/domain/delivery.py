"""One mail to send for one event: its life from pending to sent or given up.

pending ──send ok──▶ sent
   │ temporary failure (SMTP down, identity down)
   ▼
retrying (attempts, next_attempt_at = now + backoff) ──send ok──▶ sent
   │ attempts reach the policy's maximum, or a permanent failure (secret expired, address refused)
   ▼
given_up
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    RETRYING = "retrying"
    SENT = "sent"
    GIVEN_UP = "given_up"


class DeliveryStateError(ValueError):
    """A transition that the state machine does not allow (e.g. sending a sent mail again)."""


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff: first_delay, 2×, 4×, … capped at max_delay; give up after max_attempts."""

    first_delay: timedelta = timedelta(seconds=30)
    max_delay: timedelta = timedelta(minutes=30)
    max_attempts: int = 20

    def delay_after(self, attempts: int) -> timedelta:
        """The wait after the `attempts`-th failed attempt (1-based)."""
        # Cap the exponent too, so a large attempt count cannot overflow timedelta.
        exponent = min(max(attempts - 1, 0), 32)
        delay: timedelta = self.first_delay * (2**exponent)
        return min(delay, self.max_delay)


@dataclass
class Delivery:
    """Holds only non-secret template variables; a secret is fetched through `secret_ref` just
    before sending and never stored (ADR 0005, ADR 0010)."""

    event_message_id: str
    template_key: str
    event_type: str
    tenant_id: str
    recipient: str
    language: str
    variables: dict[str, Any]
    secret_ref: str | None
    mail_message_id: str
    created_at: datetime
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    sent_at: datetime | None = None
    # The conversation the causing event belongs to: the dispatcher logs under it.
    correlation_id: str | None = None
    order_id: str | None = None  # an order or payment mail's order
    resend_of: int | None = None  # a resend by staff: the delivery it repeats …
    requested_by: str | None = None  # … and who asked for it
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.next_attempt_at is None and self.status is DeliveryStatus.PENDING:
            self.next_attempt_at = self.created_at

    def is_due(self, now: datetime) -> bool:
        return self.is_open() and self.next_attempt_at is not None and self.next_attempt_at <= now

    def is_open(self) -> bool:
        return self.status in (DeliveryStatus.PENDING, DeliveryStatus.RETRYING)

    def mark_sent(self, now: datetime) -> None:
        self._require_open("mark_sent")
        self.attempts += 1
        self.status = DeliveryStatus.SENT
        self.sent_at = now
        self.next_attempt_at = None
        self.last_error = None

    def mark_failed(self, now: datetime, error: str, policy: RetryPolicy) -> None:
        """A temporary failure: retry after the backoff, or give up once attempts are used up.
        `error` names the failure (a class or code), never its text, which may quote the mail."""
        self._require_open("mark_failed")
        self.attempts += 1
        self.last_error = error
        if self.attempts >= policy.max_attempts:
            self.status = DeliveryStatus.GIVEN_UP
            self.next_attempt_at = None
            return
        self.status = DeliveryStatus.RETRYING
        self.next_attempt_at = now + policy.delay_after(self.attempts)

    def give_up(self, error: str) -> None:
        """A permanent failure: retrying cannot help (secret expired, address refused)."""
        self._require_open("give_up")
        self.attempts += 1
        self.status = DeliveryStatus.GIVEN_UP
        self.last_error = error
        self.next_attempt_at = None

    def _require_open(self, transition: str) -> None:
        if not self.is_open():
            raise DeliveryStateError(f"{transition}: delivery is already {self.status}")
