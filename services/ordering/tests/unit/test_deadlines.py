"""The payment and print deadline (rules 4, 5): 23:59:59 JST of day 7, the order's day being day 1."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shomei_ordering.domain.deadlines import TOKYO, deadline_for


def jst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=TOKYO)  # type: ignore[misc]


@pytest.mark.parametrize(("placed", "last_day"), [
    (jst(2026, 4, 1, 10, 0), (2026, 4, 7)),  # the manual's own example
    (jst(2026, 4, 1, 0, 0), (2026, 4, 7)),  # 00:00 JST: a whole first day
    (jst(2026, 4, 1, 23, 59, 59), (2026, 4, 7)),  # the last second of day 1 is still day 1
    (jst(2026, 4, 2, 0, 0), (2026, 4, 8)),  # a second later: the next day is day 1
    (jst(2026, 1, 28, 12, 0), (2026, 2, 3)),  # across a month end
    (jst(2026, 12, 28, 9, 0), (2027, 1, 3)),  # across the year end
    (jst(2028, 2, 29, 12, 0), (2028, 3, 6)),  # placed on a leap day
    (jst(2028, 2, 25, 12, 0), (2028, 3, 2)),  # a leap day inside the window
    (jst(2027, 2, 25, 12, 0), (2027, 3, 3)),  # the same without a leap day
])
def test_the_deadline_is_the_last_second_of_the_seventh_day_in_tokyo(placed: datetime,
                                                                     last_day: tuple[int, int, int]) -> None:
    deadline = deadline_for(placed)

    assert deadline.last_moment.astimezone(TOKYO) == jst(*last_day, 23, 59, 59)
    assert deadline.ends_at.astimezone(TOKYO) == jst(*last_day, 23, 59, 59) + timedelta(seconds=1)
    assert deadline.last_moment.tzinfo == UTC


def test_the_calendar_is_tokyos_whatever_the_time_is_given_in() -> None:
    # 2026-04-01 15:30 UTC is already 2026-04-02 00:30 in Tokyo: day 1 is the 2nd.
    deadline = deadline_for(datetime(2026, 4, 1, 15, 30, tzinfo=UTC))

    assert deadline.last_moment == datetime(2026, 4, 8, 14, 59, 59, tzinfo=UTC)


def test_the_order_is_over_from_midnight_of_the_eighth_day_not_a_moment_before() -> None:
    deadline = deadline_for(jst(2026, 4, 1, 10, 0))

    assert not deadline.passed(jst(2026, 4, 7, 23, 59, 59, 999999))
    assert deadline.passed(jst(2026, 4, 8, 0, 0))


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError):
        deadline_for(datetime(2026, 4, 1, 10, 0))
