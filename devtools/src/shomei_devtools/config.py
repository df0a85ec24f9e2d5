"""Ports and directories of a local run, from the environment with non-default defaults.

The defaults stay clear of the usual ports (5432, 9092, 25, 8025, 6379) so a system PostgreSQL or
another project's broker on the same machine is never touched.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from shomei_devtools.paths import local_dir, project_root


def _port(name: str, default: int) -> int:
    raw = os.environ.get(name, str(default))
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise SystemExit(f"{name} must be a port number, got {raw!r}")
    return int(raw)


@dataclass(frozen=True)
class RunConfig:
    pg_port: int
    kafka_port: int
    kafka_controller_port: int
    mailbox_smtp_port: int
    mailbox_http_port: int
    redis_port: int
    data_dir: Path

    @classmethod
    def from_env(cls) -> RunConfig:
        return cls(
            pg_port=_port("SHOMEI_PG_PORT", 55432),
            kafka_port=_port("SHOMEI_KAFKA_PORT", 59092),
            kafka_controller_port=_port("SHOMEI_KAFKA_CONTROLLER_PORT", 59093),
            mailbox_smtp_port=_port("SHOMEI_MAILBOX_SMTP_PORT", 58025),
            mailbox_http_port=_port("SHOMEI_MAILBOX_HTTP_PORT", 58026),
            redis_port=_port("SHOMEI_REDIS_PORT", 56379),
            data_dir=Path(os.environ.get("SHOMEI_RUN_DIR", local_dir() / "run")),
        )


def service_names(root: Path | None = None) -> list[str]:
    """Each folder under services/ is a service with a database of its own."""
    services = (root or project_root()) / "services"
    if not services.is_dir():
        return []
    return sorted(p.name for p in services.iterdir() if (p / "pyproject.toml").exists())


def database_name(service: str) -> str:
    return service.replace("-", "_")


def topic_files(root: Path | None = None) -> list[Path]:
    """infra/topics.txt for shared topics, and each service's own topics.txt."""
    base = root or project_root()
    files = [base / "infra" / "topics.txt"]
    files += [base / "services" / name / "topics.txt" for name in service_names(base)]
    return [f for f in files if f.exists()]


def local_run_port_names(root: Path | None = None) -> list[str]:
    """Every `SHOMEI_<NAME>_PORT` the Makefile gives `make run` (infrastructure, simulators,
    services), as NAME: a test that starts the Procfile on free ports gives each one, so a new
    process in the Procfile never falls back to a fixed port (or to none)."""
    makefile = (root or project_root()) / "Makefile"
    return re.findall(r"^export SHOMEI_(\w+)_PORT \?=", makefile.read_text(), flags=re.MULTILINE)
