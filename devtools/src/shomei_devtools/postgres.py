"""A PostgreSQL cluster of our own: own data directory, own port, loopback only."""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from shomei_devtools.process import port_open, stop, wait_until
from shomei_devtools.system import apt_install, run_as

RUN_AS = "postgres"  # the account Debian's packages create; used only when we are root


def find_bin_dir() -> Path:
    """The newest installed server; installs Debian's PostgreSQL 15 if there is none."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"), key=_major_version)
    if not candidates:
        apt_install("postgresql-15")
        candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"), key=_major_version)
    if not candidates:
        raise RuntimeError("PostgreSQL server binaries not found under /usr/lib/postgresql")
    return Path(candidates[-1]).parent


def _major_version(path: str) -> int:
    return int(Path(path).parts[-3])


@dataclass
class LocalPostgres:
    data_dir: Path
    port: int
    user: str = "shomei"
    password: str = "shomei"
    # Throwaway test clusters trade durability for speed; `make run` and benchmarks keep defaults.
    durable: bool = True
    process: subprocess.Popen[bytes] | None = field(default=None, init=False)

    def url(self, database: str = "postgres", driver: str = "postgresql+psycopg") -> str:
        return f"{driver}://{self.user}:{self.password}@127.0.0.1:{self.port}/{database}"

    def dsn(self, database: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user={self.user} password={self.password} dbname={database}"

    def initialise(self) -> None:
        """Create the cluster once; later starts reuse it."""
        if (self.data_dir / "PG_VERSION").exists():
            return
        bin_dir = find_bin_dir()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._check_reachable()
        pwfile = self.data_dir.parent / f".{self.data_dir.name}.pw"
        pwfile.write_text(self.password + "\n")
        self._hand_to_server_user(self.data_dir, pwfile)
        subprocess.run(
            [
                str(bin_dir / "initdb"),
                "-D", str(self.data_dir),
                "-U", self.user,
                f"--pwfile={pwfile}",
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            **run_as(RUN_AS),  # type: ignore[call-overload]
        )
        pwfile.unlink()

    def command(self) -> list[str]:
        settings = {
            "listen_addresses": "127.0.0.1",
            "port": str(self.port),
            "unix_socket_directories": "",
            "max_connections": "200",
            "logging_collector": "off",
            "log_min_messages": "warning",
        }
        if not self.durable:
            settings |= {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}
        args = [str(find_bin_dir() / "postgres"), "-D", str(self.data_dir)]
        for key, value in settings.items():
            args += ["-c", f"{key}={value}"]
        return args

    def spawn(self, log: Path | None = None) -> subprocess.Popen[bytes]:
        """Start the server as a child; its log goes to `log`, or to our stderr."""
        self.initialise()
        if port_open(self.port):
            raise RuntimeError(f"port {self.port} is taken; choose another with SHOMEI_PG_PORT")
        output = open(log, "ab") if log is not None else None  # noqa: SIM115 - the child owns it
        process: subprocess.Popen[bytes] = subprocess.Popen(
            self.command(), stdout=output, stderr=output, **run_as(RUN_AS)  # type: ignore[call-overload]
        )
        return process

    def start(self, log: Path | None = None) -> None:
        self.process = self.spawn(log)
        wait_until(self.ready, timeout=60, what="PostgreSQL", process=self.process)

    def ready(self) -> bool:
        with psycopg.connect(self.dsn(), connect_timeout=2):
            return True

    def stop(self) -> None:
        if self.process is not None:
            # SIGINT is PostgreSQL's "fast" shutdown: it does not wait for clients to leave.
            stop(self.process, signal.SIGINT, timeout=30, what="PostgreSQL")
            self.process = None

    def create_database(self, name: str) -> bool:
        """Create `name` unless it exists; True when it was created."""
        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if exists:
                return False
            conn.execute(f'CREATE DATABASE "{name}"')
            return True

    def _check_reachable(self) -> None:
        if os.geteuid() != 0:
            return
        probe = subprocess.run(["test", "-x", str(self.data_dir.parent)], **run_as(RUN_AS))  # type: ignore[call-overload]
        if probe.returncode != 0:
            raise RuntimeError(
                f"the {RUN_AS} account cannot reach {self.data_dir.parent}; PostgreSQL refuses to run as root, "
                "so keep the project (or SHOMEI_LOCAL_DIR) where other accounts can traverse, e.g. under /work or /tmp"
            )

    @staticmethod
    def _hand_to_server_user(*paths: Path) -> None:
        if os.geteuid() != 0:
            return
        for path in paths:
            shutil.chown(path, RUN_AS, RUN_AS)
