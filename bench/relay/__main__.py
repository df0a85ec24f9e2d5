"""`python -m bench.relay`: outbox relay throughput against kafka-python's producer benchmark.

Each round fills the outbox with a fresh backlog (timed apart, not counted), drains it with
OutboxRelay.run_once() + KafkaPublisher, and runs kafka-python's producer_performance with as
many records of the relay's average value size, acks=all, to the same broker. The two sides
alternate which goes first; medians over rounds are reported.
"""

from __future__ import annotations

import argparse
import contextlib
import platform
from collections import defaultdict
from pathlib import Path

from sqlalchemy import Engine

from bench.infra import kafka, postgres, postgres_version, run_dir, stop_cleanly_on_sigterm
from bench.relay import backlog, baseline
from bench.report import info_ratio_line, median, ratio_line, spread, table
from shomei_devtools.kafka import LocalKafka, kafka_version
from shomei_devtools.topics import TopicSpec, ensure_topics
from shomei_shared.db import make_engine, migrate
from shomei_shared.outbox.publisher import KafkaPublisher

# The Alembic directory whose one revision creates the machinery tables, as a service's does.
MIGRATIONS = Path(__file__).resolve().parents[2] / "shared" / "tests" / "migrations"
RELAY, BASELINE, BASELINE_TUNED, FILL = "relay", "kafka-python", "kafka-python tuned", "backlog insert"
LABELS = {
    RELAY: "shomei OutboxRelay.run_once() + KafkaPublisher",
    BASELINE: "kafka-python producer_performance, acks=all",
    BASELINE_TUNED: "  same, plus KafkaPublisher's producer settings",
    FILL: "backlog insert, 1000 events/txn (not compared)",
}
TARGET = 0.7  # ours / kafka-python's benchmark, from the issue


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.relay", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=50000, help="backlog / records per round (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=5,
                        help="measured rounds; medians reported (default: %(default)s)")
    parser.add_argument("--batch-size", type=int, default=1000,
                        help="relay batch size, as in production (default: %(default)s)")
    parser.add_argument("--partitions", type=int, default=3, help="partitions of both topics (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the data dirs and logs")
    return parser.parse_args(argv)


Results = dict[str, list[float]]  # case -> records/s per round


def measure(engine: Engine, broker: LocalKafka, args: argparse.Namespace) -> tuple[Results, int]:
    """Warm up, then the rounds; returns the figures and the record size used."""
    results: Results = defaultdict(list)
    relay_topic, baseline_topic = "bench.relay", "bench.baseline"
    ensure_topics(broker.admin, [TopicSpec(t, args.partitions) for t in (relay_topic, baseline_topic)])
    publisher = backlog.MeasuringPublisher(KafkaPublisher(broker.admin, client_id="bench-relay"))
    try:
        # Warm-up, untimed: connections, metadata, the broker JVM's JIT; and the record size to use.
        backlog.fill(engine, relay_topic, 2000)
        backlog.drain(engine, publisher, name="bench", batch_size=args.batch_size, expected=2000)
        size = publisher.average_value_size
        print(f"relay record: value {size} B on average (the baseline's --record-size); plus "
              f"{publisher.key_and_header_bytes // publisher.records} B of key and headers, which the baseline lacks",
              flush=True)
        baseline.run(broker.admin, baseline_topic, 2000, size)

        def ours() -> None:
            results[RELAY].append(backlog.drain(engine, publisher, name="bench", batch_size=args.batch_size,
                                                expected=args.events))

        def theirs() -> None:
            results[BASELINE].append(baseline.run(broker.admin, baseline_topic, args.events, size))
            results[BASELINE_TUNED].append(
                baseline.run(broker.admin, baseline_topic, args.events, size, baseline.PUBLISHER_SETTINGS))

        for round_number in range(args.rounds):
            results[FILL].append(backlog.fill(engine, relay_topic, args.events))
            # Alternate who goes first, so that neither always runs on a broker busy flushing the other's data.
            for side in (ours, theirs) if round_number % 2 == 0 else (theirs, ours):
                side()
            print(f"round {round_number + 1}/{args.rounds}: " +
                  ", ".join(f"{name} {values[-1]:,.0f}/s" for name, values in results.items()), flush=True)
    finally:
        publisher.close()
    return results, size


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    stop_cleanly_on_sigterm()
    with contextlib.ExitStack() as stack:
        directory = stack.enter_context(run_dir("relay", keep=args.keep))
        server = stack.enter_context(postgres(directory))
        broker = stack.enter_context(kafka(directory))
        print(f"PostgreSQL {postgres_version(server)} (durable), Kafka {kafka_version()} (KRaft, 1 broker), "
              f"Python {platform.python_version()}; {args.events} records per round, {args.rounds} rounds", flush=True)
        server.create_database("bench_relay")
        url = server.url("bench_relay")
        migrate(url, MIGRATIONS)
        engine = make_engine(url, pool_size=2)  # as the relay process (outbox/main.py) makes it
        stack.callback(engine.dispose)
        results, size = measure(engine, broker, args)

    rows = [[LABELS[name], f"{median(results[name]):,.0f}", spread(results[name])]
            for name in (RELAY, BASELINE, BASELINE_TUNED, FILL)]
    print()
    print(f"records/s, median of {args.rounds} rounds ({args.events} records of {size} B, acks=all)")
    print()
    print(table(["case", "median records/s", "min..max"], rows))
    print()
    relayed = median(results[RELAY])
    print(ratio_line("ours/kafka-python producer_performance", relayed, median(results[BASELINE]), TARGET))
    print(info_ratio_line("ours/producer_performance with KafkaPublisher's settings",
                          relayed, median(results[BASELINE_TUNED])))


if __name__ == "__main__":
    main()
