"""Timing: one contestant, one case, one round. Rates are events per second of wall time."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Sequence
from typing import Any

from bench.event_store.contestants import Contestant


def _clock_in() -> float:
    # Collect leftovers from preparing inputs now, so the collector is not billed to whoever
    # happens to be running when it triggers.
    gc.collect()
    return time.perf_counter()


def appends(contestant: Contestant, prepared: Sequence[Any]) -> float:
    """One writer, one transaction per batch, back to back."""
    events = sum(len(b) for b in prepared)
    start = _clock_in()
    for batch in prepared:
        contestant.append(batch)
    return events / (time.perf_counter() - start)


def concurrent_appends(contestant: Contestant, lanes: Sequence[Sequence[Any]]) -> float:
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
    return events / elapsed


def reads(contestant: Contestant, keys: Sequence[Any], expected_length: int) -> float:
    """Load each stream once, in the same order for everyone."""
    start = _clock_in()
    total = 0
    for key in keys:
        total += contestant.read(key)
    elapsed = time.perf_counter() - start
    if total != expected_length * len(keys):
        raise RuntimeError(f"{contestant.name} read {total} events, expected {expected_length * len(keys)}")
    return total / elapsed
