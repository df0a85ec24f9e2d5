"""Timing: one contestant, one slice of a case. Each returns (events, seconds of wall time).

`interleaved` runs a case slice by slice, every contestant taking its turn at each slice, so
that a burst of load from elsewhere on the machine (seconds long, on a shared 2-core host)
lands on all contestants alike instead of on whoever happened to be running.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from bench.event_store.contestants import Contestant


def _clock_in() -> float:
    # Collect leftovers from preparing inputs now, so the collector is not billed to whoever
    # happens to be running when it triggers.
    gc.collect()
    return time.perf_counter()


Timing = tuple[int, float]
W = TypeVar("W")


def appends(contestant: Contestant, prepared: Sequence[Any]) -> Timing:
    """One writer, one transaction per batch, back to back."""
    events = sum(len(b) for b in prepared)
    start = _clock_in()
    for batch in prepared:
        contestant.append(batch)
    return events, time.perf_counter() - start


def concurrent_appends(contestant: Contestant, lanes: Sequence[Sequence[Any]]) -> Timing:
    """One thread per lane, all released together; the clock stops when the last one finishes."""
    events = sum(len(b) for lane in lanes for b in lane)
    gate = threading.Barrier(len(lanes) + 1)
    errors: list[BaseException] = []

    def write(lane: Sequence[Any]) -> None:
        gate.wait()
        try:
            for batch in lane:
                contestant.append(batch)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(lane,)) for lane in lanes]
    for thread in threads:
        thread.start()
    start = _clock_in()
    gate.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise RuntimeError(f"{contestant.name}: a writer failed") from errors[0]
    return events, elapsed


def reads(contestant: Contestant, keys: Sequence[Any], expected_length: int) -> Timing:
    """Load each stream once, in the same order for everyone."""
    start = _clock_in()
    total = 0
    for key in keys:
        total += contestant.read(key)
    elapsed = time.perf_counter() - start
    if total != expected_length * len(keys):
        raise RuntimeError(f"{contestant.name} read {total} events, expected {expected_length * len(keys)}")
    return total, elapsed


def slices(work: Sequence[W], count: int) -> list[Sequence[W]]:
    """`work` cut into `count` contiguous parts (order kept: versions must follow each other)."""
    return [work[len(work) * i // count:len(work) * (i + 1) // count] for i in range(count)]


def interleaved(contestants: Sequence[Contestant], count: int,
                run: Callable[[Contestant, int], Timing]) -> dict[str, float]:
    """Events/s per contestant over `count` slices; `run(contestant, i)` times slice i. The
    order rotates at every slice, so nobody always follows the same neighbour."""
    totals = {c.name: [0, 0.0] for c in contestants}
    for i in range(count):
        shift = i % len(contestants)
        for contestant in [*contestants[shift:], *contestants[:shift]]:
            events, seconds = run(contestant, i)
            totals[contestant.name][0] += events
            totals[contestant.name][1] += seconds
    return {name: events / seconds for name, (events, seconds) in totals.items()}
