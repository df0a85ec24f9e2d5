"""kafka-python's own producer benchmark (kafka.benchmarks.producer_performance), run as a child
process so that it has an interpreter (and a GIL) to itself, exactly as its authors run it."""

from __future__ import annotations

import re
import subprocess
import sys

from shomei_shared.kafka_net import KafkaConnection, client_config

# Beside acks=all: the settings our KafkaPublisher adds (idempotence, 5 in flight, linger, batch
# size). Run as a second, context-only baseline: it tells producer tuning apart from relay cost.
PUBLISHER_SETTINGS = [
    "enable_idempotence=True", "max_in_flight_requests_per_connection=5", "linger_ms=5", "batch_size=262144",
]


def run(connection: KafkaConnection, topic: str, records: int, record_size: int,
        extra: list[str] | None = None) -> float:
    """Records/s as the benchmark reports it: records / its own 'Execution time' (send all,
    flush, close; producer set-up excluded)."""
    # The same login as our publisher's (the tool reads `key=value`; None is its "unset").
    login = [f"{key}={value}" for key, value in client_config(connection).items() if key != "bootstrap_servers"]
    config = ["acks=all", *login, *(extra or [])]
    command = [
        sys.executable, "-m", "kafka.benchmarks.producer_performance",
        "--bootstrap-servers", connection.bootstrap, "--topic", topic,
        "--num-records", str(records), "--record-size", str(record_size),
        "--stats-interval", "3600",  # one summary line at the end, no sampling thread chatter
        "--producer-config", *config,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    output = done.stdout + done.stderr
    elapsed = re.search(r"Execution time: ([\d.]+) secs", output)
    counts = re.search(r"(\d+) suceeded, (\d+) failed", output)  # sic: the tool's spelling
    if done.returncode != 0 or elapsed is None or counts is None:
        raise RuntimeError(f"producer_performance failed (exit {done.returncode}):\n{output[-2000:]}")
    if int(counts.group(1)) != records or int(counts.group(2)) != 0:
        raise RuntimeError(f"producer_performance delivered {counts.group(0)} of {records}")
    return records / float(elapsed.group(1))
