"""A gunicorn of our own on a free port, and the load generator run against it as a child process.

Both benchmarks start their apps the same way: `-w 2` sync workers (2 = this machine's cores),
access log off, stopped (SIGTERM, then kill) when the `with` block ends, also on error.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from shomei_devtools.process import free_port, port_open, stop, wait_until

WORKERS = 2  # gunicorn worker processes; the machine has 2 cores
ROOT = Path(__file__).resolve().parents[2]


@contextlib.contextmanager
def gunicorn(app: str, env: Mapping[str, str], log: Path) -> Iterator[int]:
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "-w", str(WORKERS), "-k", "sync", "-b", f"127.0.0.1:{port}",
               "--log-level", "warning", app]
    output = open(log, "ab")  # noqa: SIM115 - closed below, after the server stops
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=output, stderr=output)
    try:
        wait_until(lambda: port_open(port), timeout=60, what=app, process=process)
        yield port
    finally:
        stop(process, signal.SIGTERM, timeout=30, what=app)
        output.close()


def drive(port: int, *, method: str = "GET", path: str = "/", bodies: Sequence[str] = (),
          headers: Mapping[str, str] | None = None, threads: int = 4, warmup: float = 3.0, seconds: float = 5.0,
          windows: int = 1) -> list[dict[int, int]]:
    """Run bench.login.loadgen in its own process; responses by status, one dict per window."""
    command = [sys.executable, "-m", "bench.login.loadgen", "--port", str(port), "--method", method,
               "--path", path, "--threads", str(threads), "--warmup", str(warmup), "--seconds", str(seconds),
               "--windows", str(windows)]
    for body in bodies:
        command += ["--body", body]
    for name, value in (headers or {}).items():
        command += ["--header", f"{name}: {value}"]
    done = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    result = json.loads(done.stdout)
    return [{int(k): v for k, v in window.items()} for window in result["windows"]]


def rate(window: dict[int, int], seconds: float, status: int = 200) -> float:
    return window.get(status, 0) / seconds


def others(windows: list[dict[int, int]], status: int = 200) -> dict[int, int]:
    """Responses other than `status`, summed over windows (0 = connection error)."""
    total: dict[int, int] = {}
    for window in windows:
        for code, count in window.items():
            if code != status:
                total[code] = total.get(code, 0) + count
    return total
