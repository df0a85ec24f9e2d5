"""Readiness's bare answer is reused briefly, so anonymous askers cannot make a process hammer
its dependencies (ADR 0040)."""

from __future__ import annotations

from shomei_shared.web.health import READY_FOR_SECONDS, Readiness


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_an_anonymous_answer_is_reused_until_it_is_stale_and_a_failure_shows() -> None:
    clock, runs, down = Clock(), [], [False]

    def database() -> None:
        runs.append(clock.now)
        if down[0]:
            raise ConnectionError("no")

    readiness = Readiness({"database": database}, clock=clock)
    assert readiness.recent() is True and len(runs) == 1
    down[0] = True
    clock.now += READY_FOR_SECONDS / 2
    assert readiness.recent() is True and len(runs) == 1  # reused: nobody can force a check
    clock.now += READY_FOR_SECONDS
    assert readiness.recent() is False and len(runs) == 2
    assert readiness.check() == {"database": "unavailable: ConnectionError"}  # the monitor's look
    down[0] = False
    clock.now += READY_FOR_SECONDS
    assert readiness.recent() is True
