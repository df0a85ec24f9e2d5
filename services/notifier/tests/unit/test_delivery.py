from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shomei_notifier.domain.delivery import Delivery, DeliveryStateError, DeliveryStatus, RetryPolicy
from shomei_notifier.domain.mail import message_id_for


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 24, 4, 0, tzinfo=UTC)

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def new_delivery(clock: FakeClock) -> Delivery:
    return Delivery(event_message_id="m-1", template_key="password_reset", event_type="PasswordResetRequested",
                    tenant_id="demo-univ", recipient="a@example.jp", language="ja", variables={},
                    secret_ref="ref", mail_message_id=message_id_for("m-1", "password_reset"), created_at=clock.now)


POLICY = RetryPolicy(first_delay=timedelta(seconds=30), max_delay=timedelta(minutes=30), max_attempts=5)


def test_a_new_delivery_is_pending_and_due_at_once() -> None:
    clock = FakeClock()
    delivery = new_delivery(clock)
    assert delivery.status is DeliveryStatus.PENDING
    assert delivery.is_due(clock.now)
    assert not delivery.is_due(clock.now - timedelta(seconds=1))


def test_sent_after_success_is_no_longer_due_and_cannot_be_sent_again() -> None:
    clock = FakeClock()
    delivery = new_delivery(clock)
    delivery.mark_sent(clock.advance(seconds=2))
    assert (delivery.status, delivery.attempts, delivery.sent_at) == (DeliveryStatus.SENT, 1, clock.now)
    assert not delivery.is_due(clock.advance(days=1))
    with pytest.raises(DeliveryStateError):
        delivery.mark_sent(clock.now)


def test_temporary_failures_back_off_exponentially_and_the_wait_is_capped() -> None:
    clock = FakeClock()
    delivery = new_delivery(clock)
    policy = RetryPolicy(max_attempts=100)
    waits = []
    for _ in range(9):
        now = clock.now
        delivery.mark_failed(now, "smtp_unavailable", policy)
        assert delivery.next_attempt_at is not None
        waits.append(delivery.next_attempt_at - now)
        assert not delivery.is_due(now)
        clock.now = delivery.next_attempt_at
        assert delivery.is_due(clock.now)
    assert delivery.status is DeliveryStatus.RETRYING
    assert delivery.attempts == 9
    assert waits[:6] == [timedelta(seconds=s) for s in (30, 60, 120, 240, 480, 960)]
    assert waits[6:] == [timedelta(minutes=30)] * 3
    assert delivery.last_error == "smtp_unavailable"


def test_a_retry_that_succeeds_counts_every_attempt() -> None:
    clock = FakeClock()
    delivery = new_delivery(clock)
    delivery.mark_failed(clock.now, "smtp_unavailable", POLICY)
    delivery.mark_sent(clock.advance(seconds=31))
    assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.SENT, 2, None)


def test_gives_up_after_the_last_allowed_attempt() -> None:
    clock = FakeClock()
    delivery = new_delivery(clock)
    for _ in range(POLICY.max_attempts - 1):
        delivery.mark_failed(clock.now, "smtp_unavailable", POLICY)
        clock.now = delivery.next_attempt_at or clock.now
    assert delivery.status is DeliveryStatus.RETRYING
    delivery.mark_failed(clock.now, "smtp_unavailable", POLICY)
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (DeliveryStatus.GIVEN_UP, 5, None)
    assert not delivery.is_due(clock.advance(days=365))
    with pytest.raises(DeliveryStateError):
        delivery.mark_failed(clock.now, "smtp_unavailable", POLICY)


def test_a_permanent_failure_gives_up_at_once() -> None:
    clock = FakeClock()
    delivery = new_delivery(clock)
    delivery.give_up("secret_gone_404")
    assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.GIVEN_UP, 1, "secret_gone_404")


def test_message_id_is_deterministic_per_event_and_template() -> None:
    assert message_id_for("m-1", "password_reset") == message_id_for("m-1", "password_reset")
    assert message_id_for("m-1", "password_reset") != message_id_for("m-2", "password_reset")
    assert message_id_for("m-1", "password_reset") != message_id_for("m-1", "password_changed")
    assert message_id_for("m-1", "password_reset").startswith("<m-1.password_reset@")
