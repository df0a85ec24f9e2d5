from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shomei_identity.domain.credentials import new_initial_password
from shomei_identity.domain.errors import InvalidInput
from shomei_identity.domain.lockout import LoginGuard, lock_duration
from shomei_identity.domain.password_policy import strength_violations
from shomei_identity.domain.sessions import LoginSession
from shomei_identity.domain.tokens import LIFETIMES, OneTimeToken, TokenPurpose, hash_token

NOW = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)


def test_token_is_256_bits_and_stored_only_as_its_hash() -> None:
    token, record = OneTimeToken.issue(TokenPurpose.REGISTRATION, "demo-univ", "r1", NOW)
    assert len(token) >= 43  # 32 bytes in url-safe base64
    assert record.token_hash == hash_token(token) and token not in repr(record)


@pytest.mark.parametrize(("purpose", "minutes"), [
    (TokenPurpose.REGISTRATION, 60), (TokenPurpose.EMAIL_CHANGE, 60),
    (TokenPurpose.PASSWORD_RESET, 30), (TokenPurpose.STUDENT_NUMBER_ADDITION, 60),
])
def test_token_lifetimes(purpose: TokenPurpose, minutes: int) -> None:
    assert LIFETIMES[purpose] == timedelta(minutes=minutes)
    _, record = OneTimeToken.issue(purpose, "demo-univ", "s", NOW)
    record.redeem(purpose, NOW + timedelta(minutes=minutes) - timedelta(seconds=1))
    _, late = OneTimeToken.issue(purpose, "demo-univ", "s", NOW)
    with pytest.raises(InvalidInput) as raised:
        late.redeem(purpose, NOW + timedelta(minutes=minutes))
    assert raised.value.violations[0].code == "token_expired"


def test_token_is_single_use_and_bound_to_its_purpose() -> None:
    _, record = OneTimeToken.issue(TokenPurpose.PASSWORD_RESET, "demo-univ", "a1", NOW)
    with pytest.raises(InvalidInput):
        record.redeem(TokenPurpose.EMAIL_CHANGE, NOW)
    record.redeem(TokenPurpose.PASSWORD_RESET, NOW)
    with pytest.raises(InvalidInput) as raised:
        record.redeem(TokenPurpose.PASSWORD_RESET, NOW)
    assert raised.value.violations[0].code == "token_used"


def test_five_failures_lock_for_15_minutes_then_doubling_up_to_a_day() -> None:
    guard = LoginGuard("a1")
    for _ in range(4):
        assert guard.register_failure(NOW) is None
    assert guard.register_failure(NOW) == NOW + timedelta(minutes=15)
    assert guard.remaining_lock(NOW + timedelta(minutes=14)) == timedelta(minutes=1)
    assert guard.remaining_lock(NOW + timedelta(minutes=15)) is None
    later = NOW + timedelta(minutes=15)
    for _ in range(4):
        guard.register_failure(later)
    assert guard.register_failure(later) == later + timedelta(minutes=30)
    assert [lock_duration(n) for n in (1, 2, 3, 4, 5, 6, 7, 50)] == [
        timedelta(minutes=m) for m in (15, 30, 60, 120, 240, 480, 960, 1440)]


def test_success_clears_the_count_and_the_doubling() -> None:
    guard = LoginGuard("a1")
    for _ in range(5):
        guard.register_failure(NOW)
    guard.clear()
    for _ in range(4):
        guard.register_failure(NOW)
    assert guard.register_failure(NOW) == NOW + timedelta(minutes=15)


def test_session_idle_and_absolute_timeouts() -> None:
    session_id, session = LoginSession.start("demo-univ", "graduate", "a1", (), NOW)
    assert len(session_id) >= 43 and session.id_hash == hash_token(session_id)
    assert session.alive(NOW + timedelta(minutes=29)) and not session.alive(NOW + timedelta(minutes=30))
    moment = NOW
    while moment < NOW + timedelta(hours=7, minutes=50):
        moment += timedelta(minutes=20)
        session.touch(moment)
    assert not session.alive(NOW + timedelta(hours=8))


def test_initial_password_meets_the_policy() -> None:
    for _ in range(20):
        assert strength_violations(new_initial_password(), "password") == []
