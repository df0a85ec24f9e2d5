"""Long-running processes (consumers, relays, workers): run until SIGTERM or SIGINT."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Mapping

from prometheus_client import start_http_server

METRICS_PORT = "SHOMEI_METRICS_PORT"
METRICS_ADDRESS = "SHOMEI_METRICS_ADDRESS"


def serve_worker_metrics(environ: Mapping[str, str] | None = None) -> int | None:
    """Serve this process's metrics on `SHOMEI_METRICS_PORT` when it is set (a worker has no web
    app whose /metrics could show them); on loopback unless `SHOMEI_METRICS_ADDRESS` says
    otherwise (Kubernetes: 0.0.0.0, with a NetworkPolicy admitting only the monitoring namespace,
    ADR 0037). Returns the port, or None when off."""
    source = os.environ if environ is None else environ
    port = int(source.get(METRICS_PORT) or 0)
    if not port:
        return None
    start_http_server(port, addr=source.get(METRICS_ADDRESS) or "127.0.0.1")
    return port


def run_until_signalled(work: Callable[[threading.Event], None]) -> None:
    """Run `work(stop)`; SIGTERM (Kubernetes, honcho) or SIGINT sets `stop` for a clean finish."""
    serve_worker_metrics()
    stop = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    work(stop)
