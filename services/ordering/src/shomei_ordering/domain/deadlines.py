"""When an order must be paid and printed (DOMAIN rules 4 and 5).

The day of the order is day 1; payment and printing are possible until 23:59:59 JST of day 7, and
from 00:00 JST of day 8 the order is over. The calendar is Asia/Tokyo's whatever the server's zone:
an order placed at 23:59 JST has one day less than one placed a minute later. Japan has no daylight
saving time, but the arithmetic goes through the zone anyway, so it stays right if that changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")
DAYS = 7


@dataclass(frozen=True)
class Deadline:
    """`last_moment` is what people are shown (23:59:59 JST of day 7); `ends_at` is the first
    instant the order is over (00:00 JST of day 8), which is what the deadline process compares,
    so a fraction of a second before midnight is never lost between the two."""

    last_moment: datetime
    ends_at: datetime

    def passed(self, now: datetime) -> bool:
        return now >= self.ends_at


def deadline_for(placed_at: datetime) -> Deadline:
    """The payment and print deadline of an order placed at `placed_at` (timezone-aware)."""
    if placed_at.tzinfo is None:
        raise ValueError("placed_at must be timezone-aware")
    first_day = placed_at.astimezone(TOKYO).date()
    day_after_last = first_day + timedelta(days=DAYS)
    ends_at = datetime.combine(day_after_last, time(0, 0), tzinfo=TOKYO)
    last_moment = datetime.combine(day_after_last - timedelta(days=1), time(23, 59, 59), tzinfo=TOKYO)
    return Deadline(last_moment=last_moment.astimezone(UTC), ends_at=ends_at.astimezone(UTC))
