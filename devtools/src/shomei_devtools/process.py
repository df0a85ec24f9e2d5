"""Small helpers for child processes and ports."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from typing import Any


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def wait_until(
    ready: Callable[[], bool],
    *,
    timeout: float,
    what: str,
    process: subprocess.Popen[bytes] | None = None,
    interval: float = 0.2,
) -> None:
    """Poll until `ready()`; fail early if the process we wait for has died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with status {process.returncode} while starting")
        try:
            if ready():
                return
        except Exception:  # noqa: BLE001 - not ready yet is any failure to answer
            pass
        time.sleep(interval)
    raise TimeoutError(f"{what} did not become ready within {timeout:.0f}s")


def stop(process: subprocess.Popen[bytes], signal_number: int, *, timeout: float, what: str) -> None:
    """Ask politely with `signal_number`, then kill if it does not exit in time."""
    if process.poll() is not None:
        return
    process.send_signal(signal_number)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        print(f"{what} did not stop within {timeout:.0f}s; killing it", flush=True)
        process.kill()
        process.wait()


def stop_group(process: subprocess.Popen[Any], *, timeout: float = 90) -> None:
    """SIGINT to a process started with `start_new_session=True` and all of its children (honcho
    then stops the Procfile's processes in order); SIGKILL to them all if that takes too long."""
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
