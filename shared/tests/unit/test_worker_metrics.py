"""Workers (consumers, relays, jobs) serve their metrics only when told where (ADR 0037)."""

from __future__ import annotations

import socket
import urllib.request

from prometheus_client import Counter

from shomei_shared.process import serve_worker_metrics

PROBE = Counter("shomei_test_worker_probe", "A counter this test increments")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_a_worker_serves_its_metrics_on_the_port_it_is_given() -> None:
    PROBE.inc()
    port = free_port()
    assert serve_worker_metrics({"SHOMEI_METRICS_PORT": str(port), "SHOMEI_METRICS_ADDRESS": "127.0.0.1"}) == port
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        assert "shomei_test_worker_probe_total 1.0" in response.read().decode()


def test_without_a_port_a_worker_serves_nothing() -> None:
    assert serve_worker_metrics({}) is None
    assert serve_worker_metrics({"SHOMEI_METRICS_PORT": ""}) is None
