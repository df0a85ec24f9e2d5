"""Long-running processes (consumers, relays, workers): run until SIGTERM or SIGINT."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable


def run_until_signalled(work: Callable[[threading.Event], None]) -> None:
    """Run `work(stop)`; SIGTERM (Kubernetes, honcho) or SIGINT sets `stop` for a clean finish."""
    stop = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    work(stop)
