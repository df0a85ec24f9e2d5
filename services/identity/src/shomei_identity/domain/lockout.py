"""Login lockout (docs/adr/0007, 0021): 5 consecutive failures lock for 15 minutes, each further
lock doubles up to 24 hours; never permanent (a locked graduate must not need the office to get
in); a successful login clears it, a password reset clears it for every source.

A guard counts one subject's failures from one source (the client address the gateway or the
console passes), so failures made elsewhere never lock the owner out where they log in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

MAX_CONSECUTIVE_FAILURES = 5
FIRST_LOCK = timedelta(minutes=15)
LONGEST_LOCK = timedelta(hours=24)


def lock_duration(lock_number: int) -> timedelta:
    """The length of the n-th lock in a row (1-based)."""
    doublings = min(max(lock_number, 1), 16) - 1  # bounded: the cap is reached long before
    return min(FIRST_LOCK * (1 << doublings), LONGEST_LOCK)


@dataclass
class LoginGuard:
    subject_id: str
    source: str = ""
    failures: int = 0
    locks: int = 0
    locked_until: datetime | None = None

    def remaining_lock(self, now: datetime) -> timedelta | None:
        if self.locked_until is None or now >= self.locked_until:
            return None
        return self.locked_until - now

    def register_failure(self, now: datetime) -> datetime | None:
        """Count a failure; returns the end of the lock when this failure starts one."""
        self.failures += 1
        if self.failures < MAX_CONSECUTIVE_FAILURES:
            return None
        self.locks += 1
        self.failures = 0
        self.locked_until = now + lock_duration(self.locks)
        return self.locked_until

    def clear(self) -> None:
        self.failures, self.locks, self.locked_until = 0, 0, None
