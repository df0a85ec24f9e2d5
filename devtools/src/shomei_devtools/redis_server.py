"""A Redis server of our own (Debian's `redis-server`): own data directory, own port, loopback
only. The gateway and the console keep their rate-limit counters (and the gateway its
first-login state) there, so limits hold across workers and replicas (ADR 0022)."""

from __future__ import annotations

import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import redis

from shomei_devtools.process import port_open, stop, wait_until
from shomei_devtools.system import ensure_command


@dataclass
class LocalRedis:
    data_dir: Path
    port: int
    process: subprocess.Popen[bytes] | None = field(default=None, init=False)

    def url(self, database: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{database}"

    def command(self) -> list[str]:
        # Counters and first-login handles live minutes: nothing is worth writing to disk.
        return [ensure_command("redis-server", "redis-server"),
                "--bind", "127.0.0.1", "--port", str(self.port), "--protected-mode", "yes",
                "--dir", str(self.data_dir), "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--loglevel", "warning"]

    def spawn(self, log: Path | None = None) -> subprocess.Popen[bytes]:
        """Start the server as a child; its log goes to `log`, or to our stderr."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if port_open(self.port):
            raise RuntimeError(f"port {self.port} is taken; choose another with SHOMEI_REDIS_PORT")
        output = open(log, "ab") if log is not None else None  # noqa: SIM115 - the child owns it
        return subprocess.Popen(self.command(), stdout=output, stderr=output)

    def start(self, log: Path | None = None) -> None:
        self.process = self.spawn(log)
        wait_until(self.ready, timeout=30, what="Redis", process=self.process)

    def ready(self) -> bool:
        with redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2) as client:
            return bool(client.ping())

    def flush(self) -> None:
        with redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=5) as client:
            client.flushall()

    def stop(self) -> None:
        if self.process is not None:
            # SIGTERM is Redis's clean shutdown (nothing to save: persistence is off).
            stop(self.process, signal.SIGTERM, timeout=30, what="Redis")
            self.process = None
