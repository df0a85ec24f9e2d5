"""When staff must have reviewed an application (rule 15, §1.4 note 1).

During term, an application made on a business-day morning (before 12:00 JST) is due at 17:00 the
same day; any other is due at 12:00 (the "morning") of the next business day. Business days are
weekdays that are neither public holidays nor in one of the tenant's closure periods. Outside term
there is no same-day service: due the next business day's morning. All arithmetic is in
Asia/Tokyo; the result is returned in UTC, as it is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")
MORNING_ENDS = time(12, 0)
SAME_DAY_DUE = time(17, 0)
NEXT_DAY_DUE = time(12, 0)
# Longer than any closure plus holidays could last; a calendar closed for a year is an error.
_SEARCH_LIMIT_DAYS = 366

HolidayPredicate = Callable[[date], bool]


@dataclass(frozen=True)
class Period:
    first: date
    last: date  # inclusive

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


@dataclass(frozen=True)
class ReviewCalendar:
    """A tenant's terms and closure periods. A tenant that has entered no terms is taken to be
    always in term, so forgetting to configure terms never loosens the service level."""

    terms: tuple[Period, ...] = ()
    closures: tuple[Period, ...] = ()

    def in_term(self, day: date) -> bool:
        return not self.terms or any(day in term for term in self.terms)

    def closed(self, day: date) -> bool:
        return any(day in closure for closure in self.closures)


def is_business_day(day: date, calendar: ReviewCalendar, is_holiday: HolidayPredicate) -> bool:
    return day.weekday() < 5 and not is_holiday(day) and not calendar.closed(day)


def next_business_day(after: date, calendar: ReviewCalendar, is_holiday: HolidayPredicate) -> date:
    day = after
    for _ in range(_SEARCH_LIMIT_DAYS):
        day += timedelta(days=1)
        if is_business_day(day, calendar, is_holiday):
            return day
    raise ValueError(f"no business day within {_SEARCH_LIMIT_DAYS} days after {after}")


def review_due_at(submitted_at: datetime, calendar: ReviewCalendar, is_holiday: HolidayPredicate) -> datetime:
    """The due time (UTC) of an application submitted at `submitted_at` (timezone-aware)."""
    if submitted_at.tzinfo is None:
        raise ValueError("submitted_at must be timezone-aware")
    local = submitted_at.astimezone(TOKYO)
    day = local.date()
    same_day = (calendar.in_term(day) and is_business_day(day, calendar, is_holiday)
                and local.time() < MORNING_ENDS)
    if same_day:
        due = datetime.combine(day, SAME_DAY_DUE, TOKYO)
    else:
        due = datetime.combine(next_business_day(day, calendar, is_holiday), NEXT_DAY_DUE, TOKYO)
    return due.astimezone(UTC)


def is_overdue(due_at: datetime, now: datetime) -> bool:
    return now > due_at
