"""`make run`'s process set (the Procfile under honcho) comes up, answers, and stops on Ctrl-C."""

from __future__ import annotations

import json
import os
import shutil
import signal
import smtplib
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import psycopg
import redis
from kafka import KafkaAdminClient

from shomei_devtools.kafka import LocalKafka
from shomei_devtools.paths import local_dir, project_root
from shomei_devtools.process import free_port, port_open
from shomei_shared.kafka_net import client_config


def test_procfile_starts_postgres_kafka_redis_and_mailbox_and_ctrl_c_stops_them() -> None:
    run_dir = local_dir() / "test" / f"run-{os.getpid()}"  # reachable by the postgres account
    ports = {name: free_port() for name in ("PG", "KAFKA", "KAFKA_CONTROLLER", "MAILBOX_SMTP", "MAILBOX_HTTP", "REDIS",
                                            "IDENTITY", "ENROLLMENT", "NOTIFIER", "GATEWAY", "ADMIN",
                                            "PAYPAL", "SMARTPIT", "ORDERING")}
    venv_bin = Path(sys.executable).parent  # the Makefile puts .venv/bin first on PATH; so do we
    env = {**os.environ, "PATH": f"{venv_bin}:{os.environ['PATH']}", "SHOMEI_RUN_DIR": str(run_dir),
           **{f"SHOMEI_{k}_PORT": str(v) for k, v in ports.items()}}
    root = project_root()
    honcho = subprocess.Popen(
        [str(venv_bin / "honcho"), "-f", str(root / "Procfile"), "start"],
        cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    output: list[str] = []
    # A reader thread, not select(): lines already buffered in the pipe's reader would never wake select.
    threading.Thread(target=lambda: output.extend(iter(honcho.stdout.readline, "")), daemon=True).start()  # type: ignore[union-attr]
    try:
        deadline = time.monotonic() + 240
        while not any("Shomei is running" in line for line in list(output)):
            assert time.monotonic() < deadline and honcho.poll() is None, "no banner:\n" + "".join(output[-30:])
            time.sleep(0.5)
        with psycopg.connect(f"host=127.0.0.1 port={ports['PG']} user=shomei password=shomei dbname=postgres") as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
        with redis.Redis(host="127.0.0.1", port=ports["REDIS"]) as limits:  # the gateway's and console's counters
            assert limits.ping()
        assert any(f"Redis        127.0.0.1:{ports['REDIS']}" in line for line in list(output))  # the banner
        broker = LocalKafka(run_dir / "kafka", ports["KAFKA"], ports["KAFKA_CONTROLLER"])
        admin = KafkaAdminClient(**client_config(broker.admin))  # the run's generated super user
        admin.describe_cluster()
        admin.close()
        with smtplib.SMTP("127.0.0.1", ports["MAILBOX_SMTP"]) as smtp:
            smtp.sendmail("noreply@shomei.example", ["graduate@example.jp"], "Subject: test\r\n\r\nhello\r\n")
        with urllib.request.urlopen(f"http://127.0.0.1:{ports['MAILBOX_HTTP']}/api/messages") as response:
            assert [m["subject"] for m in json.load(response)] == ["test"]
        for simulator in ("PAYPAL", "SMARTPIT"):  # the payment providers' stand-ins answer on their ports
            with urllib.request.urlopen(f"http://127.0.0.1:{ports[simulator]}/healthz") as response:
                assert json.load(response) == {"status": "ok"}
    finally:
        honcho.send_signal(signal.SIGINT)
        honcho.wait(timeout=90)
    for name, port in ports.items():
        assert not port_open(port), f"{name} still listening on {port} after Ctrl-C"
    shutil.rmtree(run_dir, ignore_errors=True)
