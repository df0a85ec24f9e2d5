"""Timing identity's own Argon2Hasher.verify: alone, and in WORKERS processes at once (as the
gunicorn workers run it under load: on 2 cores the two runs share caches and memory bandwidth)."""

from __future__ import annotations

import multiprocessing
import statistics
import time

PASSWORD = "Tsukuba Seven 7"


def verify_seconds(count: int) -> list[float]:
    from shomei_identity.adapters.hashing import Argon2Hasher

    hasher = Argon2Hasher()
    stored = hasher.hash(PASSWORD)
    for _ in range(3):  # warm-up: first allocations of the 19 MiB
        hasher.verify(stored, PASSWORD)
    times = []
    for _ in range(count):
        start = time.perf_counter()
        if not hasher.verify(stored, PASSWORD):
            raise RuntimeError("argon2 verify refused the right password")
        times.append(time.perf_counter() - start)
    return times


def _median_verify(count: int) -> float:
    return statistics.median(verify_seconds(count))


def concurrent_verify_seconds(count: int, processes: int) -> float:
    """Median verify time in each of `processes` processes running at once; the mean of those."""
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        return statistics.fmean(pool.map(_median_verify, [count] * processes))
