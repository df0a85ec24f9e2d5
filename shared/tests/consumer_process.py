"""A consumer process for crash and replay tests: records each handled event in `effects`.

    python consumer_process.py DB_URL GROUP TOPIC [--die-after-commit N] [--fail-on TYPE]

Kafka is reached as the SHOMEI_KAFKA_* variables say, like a service's consumer process.
"""

from __future__ import annotations

import argparse
import os
import signal
import threading

from sqlalchemy import Connection, text

from shomei_shared.consumer.consumer import Delivery, IdempotentConsumer, kafka_consumer
from shomei_shared.db import make_engine
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.outbox.publisher import KafkaPublisher
from shomei_shared.settings import BaseSettings


def main() -> None:
    parser = argparse.ArgumentParser()
    for name in ("db_url", "group", "topic"):
        parser.add_argument(name)
    parser.add_argument("--die-after-commit", type=int, default=0)
    parser.add_argument("--fail-on", default="")
    args = parser.parse_args()
    engine = make_engine(args.db_url)
    connection = BaseSettings.from_env().kafka_connection()
    handled = 0

    def handler(envelope: Envelope, conn: Connection) -> None:
        if envelope.payload.get("poison") == args.fail_on and args.fail_on:
            raise ValueError(f"cannot handle {args.fail_on}")
        conn.execute(text("INSERT INTO effects (message_id, aggregate_id) VALUES (:m, :a)"),
                     {"m": envelope.message_id, "a": envelope.aggregate_id})

    def after_commit(delivery: Delivery) -> None:
        nonlocal handled
        handled += 1
        if handled == args.die_after_commit:
            print("dying between the database commit and the offset commit", flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    consumer = IdempotentConsumer(engine, args.group, handler, KafkaPublisher(connection, timeout_s=10),
                                  after_commit=after_commit, retry_backoff_s=0.05)
    kafka = kafka_consumer(connection, args.group, [args.topic])
    print("consuming", flush=True)
    consumer.run(kafka, stop)
    kafka.close()


if __name__ == "__main__":
    main()
