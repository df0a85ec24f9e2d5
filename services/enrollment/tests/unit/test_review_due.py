"""Rule 15 table: when each application is due, in Asia/Tokyo, stored in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from shomei_enrollment.domain.review_due import TOKYO, Period, ReviewCalendar, is_overdue, review_due_at

# Golden Week 2026: 5/3 (Sun) 憲法記念日, 5/4 みどりの日, 5/5 こどもの日, 5/6 振替休日.
HOLIDAYS = {date(2026, 5, 3), date(2026, 5, 4), date(2026, 5, 5), date(2026, 5, 6), date(2026, 1, 1),
            date(2026, 1, 12), date(2026, 4, 29)}
CALENDAR = ReviewCalendar(
    terms=(Period(date(2026, 4, 1), date(2026, 7, 31)), Period(date(2026, 9, 21), date(2027, 1, 31))),
    closures=(Period(date(2026, 12, 29), date(2027, 1, 3)),),
)


def jst(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TOKYO)


@pytest.mark.parametrize(("submitted", "due"), [
    ("2026-04-14 09:30", "2026-04-14 17:00"),  # Tuesday morning, in term: same day 17:00
    ("2026-04-14 00:00", "2026-04-14 17:00"),  # just after midnight is still the morning
    ("2026-04-14 11:59:59", "2026-04-14 17:00"),
    ("2026-04-14 12:00", "2026-04-15 12:00"),  # noon is the afternoon: next business day's morning
    ("2026-04-14 18:00", "2026-04-15 12:00"),
    ("2026-04-17 10:00", "2026-04-17 17:00"),  # Friday morning
    ("2026-04-17 15:00", "2026-04-20 12:00"),  # Friday afternoon: Monday morning
    ("2026-04-18 09:00", "2026-04-20 12:00"),  # Saturday morning is no business day
    ("2026-04-19 23:00", "2026-04-20 12:00"),  # Sunday night
    ("2026-04-29 09:00", "2026-04-30 12:00"),  # 昭和の日 (Wednesday) morning
    ("2026-05-01 14:00", "2026-05-07 12:00"),  # Friday before Golden Week: weekend and 5/4–5/6 skipped
    ("2026-05-04 10:00", "2026-05-07 12:00"),  # on a holiday morning
    ("2026-05-07 08:00", "2026-05-07 17:00"),  # first business day after
    ("2026-12-28 10:00", "2026-12-28 17:00"),  # last day before year-end closure, morning
    ("2026-12-28 13:00", "2027-01-04 12:00"),  # afternoon: closure 12/29–1/3 skipped
    ("2026-12-30 10:00", "2027-01-04 12:00"),  # inside closure
    ("2026-08-04 09:00", "2026-08-05 12:00"),  # summer break, weekday morning: next business day
    ("2026-08-07 16:00", "2026-08-10 12:00"),  # summer break, Friday afternoon
    ("2026-07-31 09:00", "2026-07-31 17:00"),  # last day of term counts as term
])
def test_due_time(submitted: str, due: str) -> None:
    result = review_due_at(jst(submitted), CALENDAR, HOLIDAYS.__contains__)
    assert result == jst(due)
    assert result.tzinfo is UTC


def test_input_in_utc_is_judged_in_tokyo() -> None:
    # 2026-04-14 02:00 UTC is 11:00 JST on Tuesday: the morning.
    due = review_due_at(datetime(2026, 4, 14, 2, 0, tzinfo=UTC), CALENDAR, HOLIDAYS.__contains__)
    assert due == datetime(2026, 4, 14, 8, 0, tzinfo=UTC)
    # 2026-04-13 16:00 UTC is already Tuesday 01:00 JST.
    due = review_due_at(datetime(2026, 4, 13, 16, 0, tzinfo=UTC), CALENDAR, HOLIDAYS.__contains__)
    assert due == datetime(2026, 4, 14, 8, 0, tzinfo=UTC)


def test_a_tenant_without_terms_is_always_in_term() -> None:
    assert review_due_at(jst("2026-08-04 09:00"), ReviewCalendar(), HOLIDAYS.__contains__) == jst("2026-08-04 17:00")


def test_naive_time_is_refused_and_endless_closure_is_an_error() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        review_due_at(datetime(2026, 4, 14, 9, 0), CALENDAR, HOLIDAYS.__contains__)
    closed = ReviewCalendar(closures=(Period(date(2026, 1, 1), date(2028, 1, 1)),))
    with pytest.raises(ValueError, match="no business day"):
        review_due_at(jst("2026-04-14 13:00"), closed, HOLIDAYS.__contains__)


def test_overdue_only_after_the_due_time() -> None:
    due = jst("2026-04-14 17:00")
    assert not is_overdue(due, jst("2026-04-14 17:00"))
    assert is_overdue(due, jst("2026-04-14 17:00:01"))
