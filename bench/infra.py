"""Throwaway PostgreSQL and Kafka for one benchmark run, in a temp dir under .local/bench/.

Everything started here is stopped (and its directory removed) when the `with` block ends, also
on error or Ctrl-C, so a failed run never leaves a server holding a port or a core.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

from shomei_devtools.kafka import LocalKafka
from shomei_devtools.paths import local_dir
from shomei_devtools.postgres import LocalPostgres
from shomei_devtools.process import free_port


def stop_cleanly_on_sigterm() -> None:
    """Make SIGTERM unwind like Ctrl-C does, so the `finally` blocks below stop the servers
    (Python's default for SIGTERM is to die on the spot, orphaning PostgreSQL and Kafka)."""

    def leave(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, leave)


@contextlib.contextmanager
def run_dir(name: str, *, keep: bool = False) -> Iterator[Path]:
    """A fresh directory per run, so two runs (or a crashed one) never share a cluster."""
    parent = local_dir() / "bench"
    parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=parent))
    # PostgreSQL runs as its own account when we are root: let it create its data dir here.
    path.chmod(0o755)
    try:
        yield path
    finally:
        if keep:
            print(f"kept {path}")
        else:
            shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def postgres(directory: Path) -> Iterator[LocalPostgres]:
    # durable=True: real fsync at every commit, as in production; anything else flatters
    # the one-event-per-transaction figures, which are mostly commit cost.
    server = LocalPostgres(directory / "postgres", free_port(), durable=True)
    try:
        server.start(log=directory / "postgres.log")
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def kafka(directory: Path) -> Iterator[LocalKafka]:
    broker = LocalKafka(directory / "kafka", free_port(), free_port())
    try:
        broker.start(log=directory / "kafka.log")
        yield broker
    finally:
        broker.stop()


def postgres_version(server: LocalPostgres) -> str:
    import psycopg

    with psycopg.connect(server.dsn()) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "?"
