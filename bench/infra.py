"""Throwaway PostgreSQL and Kafka for one benchmark run, in a temp dir under .local/bench/.

Everything started here is stopped (and its directory removed) when the `with` block ends, also
on error or Ctrl-C, so a failed run never leaves a server holding a port or a core.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import requests

from shomei_devtools.config import local_run_port_names
from shomei_devtools.kafka import LocalKafka
from shomei_devtools.paths import local_dir
from shomei_devtools.postgres import LocalPostgres
from shomei_devtools.process import free_port, stop_group

ROOT = Path(__file__).resolve().parents[1]


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


def _up(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.RequestException:
        return False


def procfile_env(directory: Path) -> dict[str, str]:
    """The environment of a local run (`make run`) on free ports, its data under `directory`."""
    return {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
            "SHOMEI_RUN_DIR": str(directory / "run"), "SHOMEI_ENVIRONMENT": "development",
            **{f"SHOMEI_{name}_PORT": str(free_port()) for name in local_run_port_names()}}


@contextlib.contextmanager
def procfile(directory: Path, env: dict[str, str], processes: Sequence[str], healthy: Sequence[str],
             concurrency: Mapping[str, int] | None = None) -> Iterator[None]:
    """Some of the Procfile's processes under honcho, exactly as `make run` starts them, until the
    `healthy` services (SHOMEI_<NAME>_PORT) answer /healthz; stopped in order at the end. The
    output goes to `directory/honcho.log`. `concurrency`: how many of a process to run (honcho -c)."""
    several = ",".join(f"{name}={count}" for name, count in (concurrency or {}).items())
    log = open(directory / "honcho.log", "ab")  # noqa: SIM115 - closed below, after honcho stops
    honcho = subprocess.Popen([str(Path(sys.executable).parent / "honcho"), "-f", str(ROOT / "Procfile"), "start",
                               *(["-c", several] if several else []), *processes],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        urls = [f"http://127.0.0.1:{env[f'SHOMEI_{name}_PORT']}/healthz" for name in healthy]
        while not all(_up(url) for url in urls):
            if honcho.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{', '.join(healthy)} did not come up; see {directory / 'honcho.log'}")
            time.sleep(1)
        yield
    finally:
        stop_group(honcho)
        log.close()
