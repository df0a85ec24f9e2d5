"""The relay process: `python -m shomei_shared.outbox.main` (one per service database)."""

from __future__ import annotations

import argparse
import dataclasses
import os
import signal
import threading
from types import FrameType

from prometheus_client import start_http_server

from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging
from shomei_shared.outbox.publisher import KafkaPublisher
from shomei_shared.outbox.relay import OutboxRelay
from shomei_shared.process import serve_worker_metrics
from shomei_shared.settings import BaseSettings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Publish a service's committed events to Kafka.")
    parser.add_argument("--database-url", default=os.environ.get("SHOMEI_DATABASE_URL"), required=False)
    parser.add_argument("--kafka-bootstrap", help="instead of SHOMEI_KAFKA_BOOTSTRAP")
    parser.add_argument("--name", default="kafka", help="relay name (its checkpoint and leadership lock)")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--metrics-port", type=int, default=0, help="serve /metrics on this port (0: off)")
    parser.add_argument("--service", default=os.environ.get("SHOMEI_SERVICE", "relay"))
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("--database-url or SHOMEI_DATABASE_URL is required")

    # The user, password and TLS settings come from SHOMEI_KAFKA_* like every other client's.
    settings = BaseSettings.from_env()
    settings = dataclasses.replace(settings, kafka_username=settings.kafka_username or args.service)
    connection = settings.kafka_connection()
    if args.kafka_bootstrap:
        connection = dataclasses.replace(connection, bootstrap=args.kafka_bootstrap)
    configure_logging(f"{args.service}-relay", settings.log_level)
    if args.metrics_port:
        start_http_server(args.metrics_port, addr="127.0.0.1")
    else:
        serve_worker_metrics()
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    engine = make_engine(args.database_url, pool_size=2)
    relay = OutboxRelay(
        engine,
        lambda: KafkaPublisher(connection, client_id=f"{args.service}-relay"),
        name=args.name,
        batch_size=args.batch_size,
    )
    relay.run(stop)
    engine.dispose()


if __name__ == "__main__":
    main()
