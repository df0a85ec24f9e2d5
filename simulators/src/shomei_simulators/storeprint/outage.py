"""Down mode: the provider API refuses (503) or hangs for a while, to test retries.

"For a while" is either a number of requests (deterministic for tests) or a number of
seconds of real time, or until ``/_sim/up``.
"""

import threading
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class OutageMode(StrEnum):
    REFUSE = "refuse"
    TIMEOUT = "timeout"


@dataclass
class _Outage:
    mode: OutageMode
    until: float | None
    requests_left: int | None
    hang_seconds: float


class Outage:
    def __init__(self) -> None:
        self._current: _Outage | None = None
        self._lock = threading.Lock()

    def go_down(
        self,
        mode: OutageMode,
        *,
        seconds: float | None = None,
        requests: int | None = None,
        hang_seconds: float = 30.0,
    ) -> None:
        until = time.monotonic() + seconds if seconds is not None else None
        with self._lock:
            self._current = _Outage(mode, until, requests, hang_seconds)

    def come_back(self) -> None:
        with self._lock:
            self._current = None

    def describe(self) -> dict[str, Any]:
        with self._lock:
            outage = self._current_or_none()
            if outage is None:
                return {"down": False}
            return {
                "down": True,
                "mode": str(outage.mode),
                "requests_left": outage.requests_left,
                "seconds_left": None
                if outage.until is None
                else outage.until - time.monotonic(),
            }

    def take(self) -> _Outage | None:
        """The outage this request meets, if any; counts the request against it."""
        with self._lock:
            outage = self._current_or_none()
            if outage is not None and outage.requests_left is not None:
                outage.requests_left -= 1
            return outage

    def _current_or_none(self) -> _Outage | None:
        outage = self._current
        if outage is None:
            return None
        if (outage.until is not None and time.monotonic() >= outage.until) or (
            outage.requests_left is not None and outage.requests_left <= 0
        ):
            self._current = None
            return None
        return outage
