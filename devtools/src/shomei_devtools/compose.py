"""The compose file's one-shot steps, run in the simulators image (docker-compose.yml):

    python -m shomei_devtools.compose secrets      before anything else starts
    python -m shomei_devtools.compose kafka-setup  once the broker listens

`secrets` makes this run's secrets in the shared run volume ($SHOMEI_RUN_DIR) exactly as `make run`
makes them (`dev_secrets`, the trust kit, one Kafka password per service: random, first writer wins,
never derived from a name) and writes one env file per service into `$SHOMEI_RUN_DIR/env/`, which
the images' entrypoint reads; a variable the `.env` file gives a container wins over its file. It
also writes the broker's configuration (`infra/docker/kafka-start.sh` formats and starts it).
`kafka-setup` then gives every service its SCRAM user and exactly its ACLs, and creates the topics,
with the same code as `shomei-infra kafka` (docs/adr/0038-images-and-compose.md).
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Mapping
from pathlib import Path

from shomei_devtools.config import service_names, topic_files
from shomei_devtools.dev_secrets import exports
from shomei_devtools.kafka import LocalKafka
from shomei_devtools.kafka_access import provision_broker
from shomei_devtools.process import wait_until
from shomei_devtools.topics import read_topic_file
from shomei_devtools.trust import run_kit
from shomei_shared.web.assertions import public_jwks

# The broker's name and ports on the compose network.
KAFKA_HOST = "kafka"
KAFKA_PORT = 9092
KAFKA_CONTROLLER_PORT = 9093


def broker(run_dir: Path) -> LocalKafka:
    return LocalKafka(run_dir / "kafka", KAFKA_PORT, KAFKA_CONTROLLER_PORT, host=KAFKA_HOST, bind_host="0.0.0.0")


def unless_set(name: str, value: str) -> str:
    """A shell line that sets `name` only when the environment left it empty."""
    return f'[ -n "${{{name}:-}}" ] || {name}={shlex.quote(value)}; export {name}'


def service_env(service: str, run_dir: Path, environ: Mapping[str, str]) -> list[str]:
    """The lines of `service`'s env file: its secrets, its trust variables, its Kafka login."""
    values: dict[str, str] = {}
    for line in exports(service, run_dir, environ):
        name, _, quoted = line.removeprefix("export ").partition("=")
        values[name] = shlex.split(quoted)[0]
    kit = run_kit(run_dir)
    if service in kit.secrets:
        values.update(kit.env(service))
    else:
        values.update({"SHOMEI_CALLERS": kit.callers(), "SHOMEI_ASSERTION_KEYS": public_jwks(kit.signing_keys)})
    values["SHOMEI_KAFKA_USERNAME"] = service
    values["SHOMEI_KAFKA_PASSWORD"] = broker(run_dir).password(service)
    return [unless_set(name, value) for name, value in values.items()]


def write_secrets(run_dir: Path, environ: Mapping[str, str]) -> list[Path]:
    folder = run_dir / "env"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for service in service_names():
        path = folder / f"{service}.env"
        path.touch(mode=0o600)
        path.write_text("\n".join(["# written by `python -m shomei_devtools.compose secrets`",
                                   *service_env(service, run_dir, environ), ""]))
        written.append(path)
    broker(run_dir).write_config()
    return written


def kafka_setup(run_dir: Path) -> None:
    kafka = broker(run_dir)
    wait_until(kafka.ready, timeout=300, what="Kafka", interval=1.0)
    specs = [spec for path in topic_files() for spec in read_topic_file(path)]
    created = provision_broker(kafka, specs)
    print(f"Kafka ready: {len(specs)} topics ({len(created)} created now), users and ACLs for "
          f"{', '.join(service_names())}", flush=True)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    run_dir = Path(os.environ.get("SHOMEI_RUN_DIR", "/run/shomei"))
    if args == ["secrets"]:
        for path in write_secrets(run_dir, os.environ):
            print(f"wrote {path}", flush=True)
    elif args == ["kafka-setup"]:
        kafka_setup(run_dir)
    else:
        raise SystemExit("usage: python -m shomei_devtools.compose secrets|kafka-setup")


if __name__ == "__main__":
    main()
