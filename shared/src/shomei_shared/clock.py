"""The clock every service reads time from: the system's, or one tests move by hand.

Handlers never call `datetime.now()`; they get a `Clock` from the bootstrap, so tests travel
in time instead of sleeping. Times are timezone-aware UTC; deadline rules convert to Asia/Tokyo.
Standard library only: domain and service-layer code may import it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """Timezone-aware UTC."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 4, 1, 1, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = moment

    def advance(self, delta: timedelta) -> None:
        self._now += delta
