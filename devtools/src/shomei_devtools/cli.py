"""`shomei-infra`: run local infrastructure in the foreground, one process each (for honcho).

    shomei-infra postgres   PostgreSQL on SHOMEI_PG_PORT, one database per service
    shomei-infra kafka      Kafka (KRaft) on SHOMEI_KAFKA_PORT: SCRAM users and ACLs for every service,
                            topics from topics.txt files
    shomei-infra kafka-password SERVICE
                            prints the service's Kafka password of this run (made on first use)
    shomei-infra redis      Redis on SHOMEI_REDIS_PORT (rate limits of the gateway and the console)
    shomei-infra ready      waits for everything, runs the demo seeds, then prints where it all is
    shomei-infra fetch      fetches the Kafka jars into the cache (nothing starts)
"""

from __future__ import annotations

import argparse
import shlex
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from types import FrameType

from shomei_devtools.config import RunConfig, database_name, service_names, topic_files
from shomei_devtools.kafka import SUPER_USER, LocalKafka, classpath_dir
from shomei_devtools.kafka_access import provision_broker
from shomei_devtools.postgres import LocalPostgres
from shomei_devtools.process import port_open, wait_until
from shomei_devtools.redis_server import LocalRedis
from shomei_devtools.topics import read_topic_file


def _serve(process: subprocess.Popen[bytes], stop_signal: int, after_start: Callable[[], None]) -> int:
    """Run `after_start`, then wait; forward SIGTERM/SIGINT as the server's own clean stop."""
    stopping = threading.Event()

    def forward(signum: int, frame: FrameType | None) -> None:
        stopping.set()
        if process.poll() is None:
            process.send_signal(stop_signal)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    try:
        after_start()
    except Exception as error:  # noqa: BLE001 - any start-up failure stops the server cleanly
        print(f"start-up failed: {error}", file=sys.stderr, flush=True)
        forward(signal.SIGTERM, None)
        process.wait()
        return 1
    code = process.wait()
    return 0 if stopping.is_set() else code


def run_postgres(config: RunConfig) -> int:
    server = LocalPostgres(config.data_dir / "postgres", config.pg_port)
    process = server.spawn()

    def provision() -> None:
        wait_until(server.ready, timeout=60, what="PostgreSQL", process=process)
        for service in service_names():
            if server.create_database(database_name(service)):
                print(f"created database {database_name(service)}", flush=True)
        print(f"PostgreSQL ready: {server.url('<database>')}", flush=True)

    # SIGINT is PostgreSQL's fast shutdown.
    return _serve(process, signal.SIGINT, provision)


def run_kafka(config: RunConfig) -> int:
    broker = LocalKafka(config.data_dir / "kafka", config.kafka_port, config.kafka_controller_port)
    process = broker.spawn()

    def provision() -> None:
        wait_until(broker.ready, timeout=120, what="Kafka", process=process, interval=0.5)
        specs = [spec for path in topic_files() for spec in read_topic_file(path)]
        created = provision_broker(broker, specs)
        print(f"Kafka ready: {broker.bootstrap} ({len(specs)} topics, {len(created)} created now; "
              f"SASL/SCRAM users and ACLs for {', '.join(service_names())})", flush=True)

    return _serve(process, signal.SIGTERM, provision)


def run_redis(config: RunConfig) -> int:
    server = LocalRedis(config.data_dir / "redis", config.redis_port)
    process = server.spawn()

    def announce() -> None:
        wait_until(server.ready, timeout=30, what="Redis", process=process)
        print(f"Redis ready: {server.url()}", flush=True)

    return _serve(process, signal.SIGTERM, announce)


def _healthy(url: str) -> bool:
    with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
        return bool(response.status == 200)


def tenant_sites(addresses: dict[str, str], tenants: list[str]) -> list[str]:
    """Each university's applicant site and console: the same processes, one address each."""
    lines = []
    for tenant in tenants:
        lines.append(f"  {tenant:<12} applicants {addresses.get('gateway', '?')}/{tenant}/"
                     f"   staff {addresses.get('admin', '?')}/{tenant}/")
    return lines


def announce_when_ready(config: RunConfig, services: list[str], seeds: list[str],
                        tenants: list[str] | None = None) -> int:
    """Wait for the infrastructure and every service, run the demo seeds, then say where it all is."""
    postgres = LocalPostgres(config.data_dir / "postgres", config.pg_port)
    kafka = LocalKafka(config.data_dir / "kafka", config.kafka_port, config.kafka_controller_port)
    wait_until(postgres.ready, timeout=180, what="PostgreSQL")
    wait_until(kafka.ready, timeout=180, what="Kafka", interval=0.5)
    wait_until(LocalRedis(config.data_dir / "redis", config.redis_port).ready, timeout=60, what="Redis")
    wait_until(lambda: port_open(config.mailbox_http_port), timeout=60, what="mailbox")
    addresses = {}
    for entry in services:
        name, _, port = entry.partition("=")
        addresses[name] = f"http://127.0.0.1:{port}"
        wait_until(lambda url=addresses[name]: _healthy(url), timeout=240, what=name)  # type: ignore[misc]
    seeded = [subprocess.run(shlex.split(seed), check=True, capture_output=True, text=True).stdout for seed in seeds]
    time.sleep(1.0)  # let the provisioning lines print first
    lines = ["", "Shomei is running. Stop everything with Ctrl-C.",
             *(f"  {name:<12} {url}/" for name, url in addresses.items()),
             f"  PostgreSQL   127.0.0.1:{config.pg_port}  (user shomei / password shomei, development only)",
             f"  Kafka        127.0.0.1:{config.kafka_port}  (SASL/SCRAM; super user {SUPER_USER}, "
             f"passwords in {kafka.users_dir})",
             f"  Redis        127.0.0.1:{config.redis_port}  (rate limits, first logins under way)",
             f"  Mailbox      http://127.0.0.1:{config.mailbox_http_port}/"
             f"  (SMTP 127.0.0.1:{config.mailbox_smtp_port})",
             f"  Data         {config.data_dir}"]
    if tenants:
        lines += ["", "Universities (each at its own address; the applicant site's root lists them):",
                  *tenant_sites(addresses, tenants)]
    for output in seeded:
        lines += ["", *(f"  {line}" for line in output.strip().splitlines())]
    print("\n".join([*lines, ""]), flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    return 0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="shomei-infra", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["postgres", "kafka", "kafka-password", "redis", "ready", "fetch"])
    parser.add_argument("name", nargs="?", help="kafka-password: the service")
    parser.add_argument("--service", action="append", default=[], help="ready: NAME=PORT to wait for")
    parser.add_argument("--seed", action="append", default=[], help="ready: a command to run once all is up")
    parser.add_argument("--tenant", action="append", default=[], help="ready: a university whose sites to print")
    args = parser.parse_args(argv)
    config = RunConfig.from_env()
    if args.what == "kafka-password":
        if args.name not in service_names():
            parser.error(f"kafka-password: {args.name!r} is not a service")
        kafka = LocalKafka(config.data_dir / "kafka", config.kafka_port, config.kafka_controller_port)
        print(kafka.password(args.name))
        sys.exit(0)
    if args.what == "fetch":
        print(classpath_dir())
        sys.exit(0)
    if args.what == "ready":
        sys.exit(announce_when_ready(config, args.service, args.seed, args.tenant))
    runners = {"postgres": run_postgres, "kafka": run_kafka, "redis": run_redis}
    sys.exit(runners[args.what](config))
