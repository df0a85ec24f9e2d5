"""`python -m bench.print.latency`: OrderPaid → PrintReservationIssued latency, p50 and p99, at a
steady rate of paid orders (20 a second by default, for 5 minutes), with nothing lost: every order
must be issued exactly once, and the run counts it.

What runs: PostgreSQL, Kafka, the netprint simulator and print-gateway's four processes (web,
consumer, jobs, relay) from the Procfile under honcho, exactly as `make run` starts them (the jobs
process `--jobs-workers` times, as replicas share the work: ADR 0039), on free
ports in a run directory under .local/bench/; enrollment's record endpoint is a stand-in
(bench.print.records, gunicorn) answering one graduate's record. The benchmark plays ordering: it
publishes OrderPlaced (v3, one graduation certificate in Japanese to print at 7-Eleven) and then
OrderPaid on `ordering.order`, as ordering's relay would, at the steady rate, and reads
`print-gateway.reservation` for PrintReservationIssued.

The anchor, side by side: the same OrderPaid records read back from `ordering.order` by the
benchmark's own consumer. That is the bare event hop every reaction pays (publish, broker, fetch),
for the very same records at the very same moment, so a burst of load from elsewhere on the
machine lands on both sides alike; what print-gateway adds on top (its consumer's transaction,
the jobs process's polling interval, the record fetch, rendering, the mix-up guard, the upload to
the provider, the outbox and the relay) is the ratio. Rendering alone is bench.print.rendering.
No target was set: the ratios are printed for context.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench.infra import procfile, procfile_env, run_dir, stop_cleanly_on_sigterm
from bench.login.server import gunicorn
from bench.ordering.__main__ import percentile
from bench.report import info_ratio_line, table
from shomei_devtools.kafka import SUPER_USER, LocalKafka
from shomei_shared.kafka_net import KafkaConnection, client_config
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.outbox.publisher import KafkaPublisher, OutgoingRecord

PROCESSES = ("postgres", "kafka", "netprint", "print-gateway", "print-gateway-consumer", "print-gateway-jobs",
             "print-gateway-relay")
ORDERS, RESERVATIONS = "ordering.order", "print-gateway.reservation"
TENANT = "demo-univ"
_TOKYO = ZoneInfo("Asia/Tokyo")
ROOT = Path(__file__).resolve().parents[2]
LINE = {"type": "graduation", "template": "graduation", "language": "ja", "name_ja": "卒業証明書",
        "name_en": "Certificate of Graduation", "copies": 1, "pages": 1, "fee": 500}


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.print.latency", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=20.0, help="paid orders a second (default: %(default)s)")
    parser.add_argument("--seconds", type=float, default=300.0, help="how long orders are paid (default: %(default)s)")
    parser.add_argument("--drain", type=float, default=600.0,
                        help="most seconds to wait for the last orders to be issued (default: %(default)s)")
    parser.add_argument("--jobs-interval", type=float, default=None,
                        help="print-gateway's SHOMEI_JOBS_INTERVAL_S (default: the service's own, as make run)")
    parser.add_argument("--jobs-workers", type=int, default=1,
                        help="how many print-gateway-jobs processes to run (honcho -c; default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the run directory and logs")
    return parser.parse_args(argv)


@contextlib.contextmanager
def services(directory: Path, args: argparse.Namespace) -> Iterator[dict[str, str]]:
    """The Procfile's print-gateway processes with their infrastructure and the record stand-in."""
    with gunicorn("bench.print.records:create_app()", {}, directory / "records.log") as records:
        env = procfile_env(directory)
        env["SHOMEI_ENROLLMENT_PORT"] = str(records)  # scripts/with-env derives SHOMEI_ENROLLMENT_URL from it
        if args.jobs_interval is not None:
            env["SHOMEI_JOBS_INTERVAL_S"] = str(args.jobs_interval)
        with procfile(directory, env, PROCESSES, ("PRINT_GATEWAY", "NETPRINT"),
                      concurrency={"print-gateway-jobs": args.jobs_workers}):
            yield env


def kafka_user(env: dict[str, str], user: str) -> KafkaConnection:
    broker = LocalKafka(Path(env["SHOMEI_RUN_DIR"]) / "kafka", int(env["SHOMEI_KAFKA_PORT"]),
                        int(env["SHOMEI_KAFKA_CONTROLLER_PORT"]))
    connection: KafkaConnection = broker.connection(user)
    return connection


def order_events(order_id: str) -> tuple[Envelope, Envelope]:
    """OrderPlaced (v3) and OrderPaid as ordering records them: the print window of rule 5 (until
    23:59:59 JST of day 7), one graduation certificate, paid now."""
    tokyo = datetime.now(UTC).astimezone(_TOKYO)
    ends_at = datetime.combine(tokyo.date() + timedelta(days=7), clock_time(0, 0), tzinfo=_TOKYO)
    now = datetime.now(UTC)
    request = str(uuid.uuid4())  # the graduate's 申請, as the gateway's request starts the conversation
    placed = Envelope(type="OrderPlaced", version=3, tenant_id=TENANT, aggregate_id=order_id, aggregate_version=1,
                      payload={"account_id": "bench-graduate-1", "student_number": "L08001",
                               "print_channel": "netprint", "payment_method": "paypal", "lines": [LINE],
                               "usage_fee": 200, "total": 700,
                               "print_estimate": 60, "print_charge_per_page": 60, "placed_at": now.isoformat(),
                               "deadline": (ends_at - timedelta(seconds=1)).astimezone(UTC).isoformat(),
                               "ends_at": ends_at.astimezone(UTC).isoformat()},
                      correlation_id=request, causation_id=request)
    paid = placed.caused(type="OrderPaid", version=1, aggregate_version=2,
                         payload={"payment_id": f"pay-{order_id}", "amount": 700, "paid_at": now.isoformat()})
    return placed, paid



def record(envelope: Envelope) -> OutgoingRecord:
    """As ordering's relay sends it (shared/outbox/relay.py): keyed by the order, the type in headers."""
    return OutgoingRecord(topic=ORDERS, key=envelope.aggregate_id.encode(), value=envelope.to_json(), headers=[
        ("type", envelope.type.encode()), ("version", str(envelope.version).encode()),
        ("message_id", envelope.message_id.encode()), ("correlation_id", (envelope.correlation_id or "").encode()),
        ("causation_id", (envelope.causation_id or "").encode())])


class Watcher:
    """Reads both topics from their current end: when each OrderPaid came back (the anchor) and
    each PrintReservationIssued (or Failed) arrived, by order id, on the monotonic clock."""

    def __init__(self, connection: KafkaConnection) -> None:
        from kafka import KafkaConsumer, TopicPartition

        self.consumer = KafkaConsumer(**client_config(connection), enable_auto_commit=False, fetch_max_wait_ms=10)
        # The broker may answer before the run's topics are made (shomei-infra creates them after it starts).
        deadline = time.monotonic() + 180
        while not all(self.consumer.partitions_for_topic(topic) for topic in (ORDERS, RESERVATIONS)):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{ORDERS} and {RESERVATIONS} were never made; see honcho.log")
            time.sleep(1)
        partitions = [TopicPartition(topic, p) for topic in (ORDERS, RESERVATIONS)
                      for p in self.consumer.partitions_for_topic(topic) or []]
        self.consumer.assign(partitions)
        self.consumer.seek_to_end()
        for tp in partitions:
            self.consumer.position(tp)  # resolve the end now, before the first order is sent
        self.paid_seen: dict[str, float] = {}
        self.issued: dict[str, list[float]] = {}
        self.failed: Counter[str] = Counter()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            for batch in self.consumer.poll(timeout_ms=100).values():
                now = time.monotonic()
                for message in batch:
                    kind = dict(message.headers).get("type", b"").decode()
                    order_id = message.key.decode() if message.key else ""
                    if kind == "OrderPaid":
                        self.paid_seen[order_id] = now
                    elif kind == "PrintReservationIssued":
                        self.issued.setdefault(order_id, []).append(now)
                    elif kind == "PrintReservationFailed":
                        self.failed[order_id] += 1

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=10)
        self.consumer.close()


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    stop_cleanly_on_sigterm()
    sent: dict[str, float] = {}
    with run_dir("print-latency", keep=args.keep) as directory, services(directory, args) as env:
        publisher = _when_kafka_is_up(lambda: KafkaPublisher(kafka_user(env, "ordering"), client_id="bench-ordering"))
        watcher = Watcher(kafka_user(env, SUPER_USER))
        try:
            # One untimed order first: the consumers have joined and the whole path is warm.
            warm = str(uuid.uuid4())
            publisher.publish([record(e) for e in order_events(warm)])
            _wait(lambda: warm in watcher.issued, 300, "the warm-up order was never issued; see honcho.log")
            total = int(args.rate * args.seconds)
            print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs (shared with other work); "
                  f"{total} orders at {args.rate:g}/s for {args.seconds:g} s, {args.jobs_workers} jobs processes",
                  flush=True)
            started = time.monotonic()
            late = 0.0
            for n in range(total):
                due = started + n / args.rate
                pause = due - time.monotonic()
                if pause > 0:
                    time.sleep(pause)
                else:
                    late = max(late, -pause)
                order_id = str(uuid.uuid4())
                placed, paid = order_events(order_id)
                publisher.publish([record(placed)])
                sent[order_id] = time.monotonic()  # OrderPaid leaves now; print-gateway cannot issue before
                publisher.publish([record(paid)])
                if (n + 1) % int(max(args.rate * 30, 1)) == 0:
                    print(f"{n + 1}/{total} paid, {sum(1 for o in sent if o in watcher.issued)} issued", flush=True)
            _wait(lambda: all(o in watcher.issued or o in watcher.failed for o in sent), args.drain,
                  "")
            time.sleep(2)  # a duplicate issue would arrive soon after the first
        finally:
            watcher.close()
            publisher.close()
    report(args, sent, watcher, late)


def _when_kafka_is_up(connect: Callable[[], KafkaPublisher]) -> KafkaPublisher:
    """print-gateway answers once PostgreSQL is up; the broker may still be starting."""
    from kafka.errors import KafkaError

    deadline = time.monotonic() + 180
    while True:
        try:
            return connect()
        except KafkaError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def _wait(done: Any, timeout_s: float, failure: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            if failure:
                raise RuntimeError(failure)
            return
        time.sleep(0.2)


def report(args: argparse.Namespace, sent: dict[str, float], watcher: Watcher, late: float) -> None:
    issued = [watcher.issued[o][0] - at for o, at in sent.items() if o in watcher.issued]
    hop = [watcher.paid_seen[o] - at for o, at in sent.items() if o in watcher.paid_seen]
    twice = sum(1 for o in sent if len(watcher.issued.get(o, [])) > 1)
    failed = sum(1 for o in sent if o in watcher.failed)
    lost = sum(1 for o in sent if o not in watcher.issued and o not in watcher.failed)
    print()
    print(table(["side", "orders", "p50 ms", "p99 ms", "max ms"],
                [["OrderPaid → PrintReservationIssued", str(len(issued)), _ms(percentile(issued, 0.5)),
                  _ms(percentile(issued, 0.99)), _ms(max(issued, default=float("nan")))],
                 ["OrderPaid → OrderPaid read back (anchor)", str(len(hop)), _ms(percentile(hop, 0.5)),
                  _ms(percentile(hop, 0.99)), _ms(max(hop, default=float("nan")))]]))
    print()
    if issued:
        first_paid = min(sent.values())
        last_issued = max(watcher.issued[o][0] for o in sent if o in watcher.issued)
        paying = max(sent.values()) - first_paid
        print(f"paid at {len(sent) / paying if paying else float('nan'):,.1f}/s; issued at "
              f"{len(issued) / (last_issued - first_paid):,.1f}/s from the first OrderPaid to the last issue")
    print(f"orders paid {len(sent)}, issued exactly once {len(issued) - twice}, issued twice or more {twice}, "
          f"failed {failed}, lost {lost}; the sender fell behind its schedule by {late * 1000:,.0f} ms at most")
    print(info_ratio_line("issue latency/bare hop p50", percentile(issued, 0.5), percentile(hop, 0.5)))
    print(info_ratio_line("issue latency/bare hop p99", percentile(issued, 0.99), percentile(hop, 0.99)))
    if lost or twice or failed:
        print("NOT everything issued exactly once: see the counts above", flush=True)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


if __name__ == "__main__":
    main()
