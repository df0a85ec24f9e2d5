"""The whole suite, as `make run` starts it (the Procfile under honcho), on free ports with its
own data directory, for journeys in a real browser."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from shomei_devtools.config import local_run_port_names
from shomei_devtools.kafka import SUPER_USER, LocalKafka
from shomei_devtools.paths import local_dir, project_root
from shomei_devtools.process import free_port, stop_group
from shomei_shared.kafka_net import KafkaConnection

SERVICES = ("identity", "enrollment", "notifier", "gateway", "admin")


@dataclass
class Suite:
    env: dict[str, str]
    output: list[str]

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.env[f'SHOMEI_{service.upper()}_PORT']}"

    @property
    def mailbox(self) -> str:
        return f"http://127.0.0.1:{self.env['SHOMEI_MAILBOX_HTTP_PORT']}"

    def mails(self, to: str) -> list[dict[str, Any]]:
        with urllib.request.urlopen(f"{self.mailbox}/api/messages?to={to}") as response:
            return list(json.load(response))

    def wait_for_mail(self, to: str, subject_part: str, body_part: str = "", timeout_s: float = 90) -> dict[str, Any]:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for mail in self.mails(to):
                if subject_part in mail["subject"] and body_part in mail["text_body"]:
                    return mail
            time.sleep(0.5)
        seen = [m["subject"] for m in self.mails(to)]
        noise = ("mailbox.1", "GET /healthz")
        recent = [line for line in self.output if not any(n in line for n in noise)][-60:]
        raise AssertionError(f"no mail to {to} with {subject_part!r} (got {seen});\n" + "".join(recent))

    def kafka(self, user: str = SUPER_USER) -> KafkaConnection:
        """How `user` reaches the suite's broker (the run's generated passwords)."""
        broker = LocalKafka(Path(self.env["SHOMEI_RUN_DIR"]) / "kafka", int(self.env["SHOMEI_KAFKA_PORT"]),
                            int(self.env["SHOMEI_KAFKA_CONTROLLER_PORT"]))
        return broker.connection(user)

    def run(self, service: str, *args: str) -> str:
        """Run a Python module in a service's environment (e.g. a seed), returning its stdout."""
        done = subprocess.run([str(project_root() / "scripts" / "with-env"), service, sys.executable, *args],
                              env=self.env, cwd=project_root(), check=True, capture_output=True, text=True,
                              timeout=120)
        return done.stdout


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def suite() -> Iterator[Suite]:
    run_dir = local_dir() / "test" / f"e2e-{os.getpid()}"
    ports = {name: free_port() for name in local_run_port_names()}  # every process of the Procfile
    venv_bin = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{venv_bin}:{os.environ['PATH']}", "SHOMEI_RUN_DIR": str(run_dir),
           "SHOMEI_ENVIRONMENT": "development",
           **{f"SHOMEI_{name}_PORT": str(port) for name, port in ports.items()}}
    env["SHOMEI_PUBLIC_BASE_URL"] = f"http://127.0.0.1:{ports['GATEWAY']}"
    env["SHOMEI_TENANT_PROFILE_CACHE_S"] = "1"  # a tenant admin's change shows at once
    output: list[str] = []
    honcho = subprocess.Popen([str(venv_bin / "honcho"), "-f", str(project_root() / "Procfile"), "start"],
                              cwd=project_root(), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, start_new_session=True)
    threading.Thread(target=lambda: output.extend(iter(honcho.stdout.readline, "")), daemon=True).start()  # type: ignore[union-attr]
    suite = Suite(env, output)
    try:
        deadline = time.monotonic() + 240
        while not (any("Shomei is running" in line for line in list(output))
                   and all(_healthy(suite.url(s)) for s in SERVICES)):
            if time.monotonic() > deadline or honcho.poll() is not None:
                raise AssertionError("the suite did not come up:\n" + "".join(output[-80:]))
            time.sleep(1)
        yield suite
    finally:
        stop_group(honcho)
        (local_dir() / "test" / "e2e-logs").mkdir(parents=True, exist_ok=True)
        (local_dir() / "test" / "e2e-logs" / "honcho.log").write_text("".join(output))
        shutil.rmtree(run_dir, ignore_errors=True)
