"""`python -m bench.ordering`: orders placed per second through the gateway, and order placed →
OrderPaid through the PayPal simulator, each with p50/p99 latency, against the gateway's bare
read path (GET /demo-univ/manual, no upstream call) as the anchor. No target was set: the
ratios are printed for context.

What runs: PostgreSQL, Kafka, the PayPal simulator, ordering (web, relay, consumer) and payment
(web, relay, consumer) from the Procfile under honcho, exactly as `make run` starts them, on free
ports in a run directory under .local/bench/; the gateway under gunicorn (2 sync workers, this
machine's cores) with stand-ins for identity and enrollment (bench.ordering.standins): a
graduate's login and registration are other benchmarks' business.

Fairness: the anchor and the placing run on the same gateway, from the same client threads,
rounds interleaved (read, place, read, place, ...), each round after a warm-up; medians over
rounds. A placed order is a whole journey of six requests (the five screens and 申請), so its
rate is journeys per second, not requests. Payment is measured after the placing rounds:
`--paid` journeys from 申請 to the order page showing お支払い済み (the browser's お支払いへ,
the simulator's approval page, the return that captures, then PaymentCaptured through Kafka
to ordering), their latency polled every 50 ms.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import requests

from bench.infra import procfile, procfile_env, run_dir, stop_cleanly_on_sigterm
from bench.login.server import WORKERS, gunicorn
from bench.ordering.journey import browser, pay_and_wait, place, read
from bench.report import info_ratio_line, median, spread, table
from shomei_devtools.trust import run_kit

PROCESSES = ("postgres", "kafka", "paypal", "ordering", "ordering-relay", "ordering-consumer", "payment",
             "payment-relay", "payment-consumer")
READ, PLACE = "gateway GET /demo-univ/manual (anchor)", "orders placed through the gateway"
ROOT = Path(__file__).resolve().parents[2]


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.ordering", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="rounds per side; medians (default: %(default)s)")
    parser.add_argument("--threads", type=int, default=4, help="client threads (default: %(default)s)")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds per round (default: %(default)s)")
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds per round (default: %(default)s)")
    parser.add_argument("--paid", type=int, default=40, help="orders paid end to end (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the run directory and logs")
    return parser.parse_args(argv)


@contextlib.contextmanager
def services(directory: Path) -> Iterator[dict[str, str]]:
    """The Procfile's ordering and payment processes with their infrastructure, on free ports."""
    env = procfile_env(directory)
    with procfile(directory, env, PROCESSES, ("ORDERING", "PAYMENT")):
        yield env


def _sources(thread: int) -> list[str]:
    """Loopback addresses of one client thread (127.<40+thread>.x.y): a visitor each."""
    return [f"127.{40 + thread}.{x}.{y}" for x in range(0, 4) for y in range(1, 255)]


def run_threads(threads: int, seconds: float, work: Callable[[int, int], None]) -> tuple[int, list[float], int]:
    """`work(thread, n)` repeated by each thread for `seconds`: completed, their durations, failures."""
    durations: list[float] = []
    failures = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def loop(thread: int) -> None:
        n = 0
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                work(thread, n)
            except (requests.RequestException, RuntimeError):
                with lock:
                    failures[0] += 1
            else:
                with lock:
                    durations.append(time.perf_counter() - started)
            n += 1

    workers = [threading.Thread(target=loop, args=(t,)) for t in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return len(durations), durations, failures[0]


def _placed(_order_id: str) -> None:
    """A placed order counts; its id is not needed here."""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    stop_cleanly_on_sigterm()
    session = secrets.token_urlsafe(24)
    rates: dict[str, list[float]] = {READ: [], PLACE: []}
    latencies: dict[str, list[float]] = {READ: [], PLACE: []}
    failed = {READ: 0, PLACE: 0}
    with run_dir("ordering", keep=args.keep) as directory, services(directory) as env:
        kit = run_kit(Path(env["SHOMEI_RUN_DIR"]))
        with gunicorn("bench.ordering.standins:create_app()",
                      {"BENCH_RUN_DIR": env["SHOMEI_RUN_DIR"], "BENCH_SESSION": session},
                      directory / "standins.log") as standins:
            def port(name: str) -> str:
                return env[f"SHOMEI_{name}_PORT"]

            gateway_env = {**kit.env("gateway"), "SHOMEI_SECRET_KEY": "bench-secret-key-0123456789",
                           "SHOMEI_ENVIRONMENT": "development",
                           "SHOMEI_IDENTITY_URL": f"http://127.0.0.1:{standins}",
                           "SHOMEI_ENROLLMENT_URL": f"http://127.0.0.1:{standins}",
                           "SHOMEI_ORDERING_URL": f"http://127.0.0.1:{port('ORDERING')}",
                           "SHOMEI_PAYMENT_URL": f"http://127.0.0.1:{port('PAYMENT')}",
                           "SHOMEI_PAYPAL_CHECKOUT_ORIGIN": f"http://127.0.0.1:{port('PAYPAL')}"}
            with gunicorn("shomei_gateway.entrypoints.web:create_app()", gateway_env,
                          directory / "gateway.log") as gateway_port:
                gateway = f"http://127.0.0.1:{gateway_port}"
                sides: dict[str, Callable[[int, int], None]] = {
                    READ: lambda t, n: read(browser(_sources(t)[n % 1016], session), gateway),
                    PLACE: lambda t, n: _placed(place(browser(_sources(t)[n % 1016], session), gateway)),
                }
                place(browser("127.39.0.1", session), gateway)  # the whole way works before timing
                print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs (shared with other work); "
                      f"gateway gunicorn -w {WORKERS} sync; {args.threads} client threads; {args.rounds} rounds of "
                      f"{args.warmup:g} s warm-up + {args.seconds:g} s per side", flush=True)
                for round_number in range(args.rounds):
                    for name, work in sides.items():
                        run_threads(args.threads, args.warmup, work)
                        done, durations, failures = run_threads(args.threads, args.seconds, work)
                        rates[name].append(done / args.seconds)
                        latencies[name] += durations
                        failed[name] += failures
                    print(f"round {round_number + 1}/{args.rounds}: " + ", ".join(
                        f"{name} {values[-1]:,.1f}/s" for name, values in rates.items()), flush=True)
                paid, paid_failed, paid_started = pay_rounds(args, gateway, session)
    print()
    print(table(["side", "median per s", "min..max", "p50 ms", "p99 ms", "failed"],
                [[name, f"{median(values):,.1f}", spread(values), f"{percentile(latencies[name], 0.5) * 1000:,.0f}",
                  f"{percentile(latencies[name], 0.99) * 1000:,.0f}", str(failed[name])]
                 for name, values in rates.items()]))
    print()
    print(table(["order placed → OrderPaid (PayPal simulator)", "orders", "p50 ms", "p99 ms", "paid per s",
                 "failed"],
                [["申請 → お支払い済み shown", str(len(paid)), f"{percentile(paid, 0.5) * 1000:,.0f}",
                  f"{percentile(paid, 0.99) * 1000:,.0f}", f"{len(paid) / paid_started:,.2f}" if paid_started else "-",
                  str(paid_failed)]]))
    print()
    print(info_ratio_line("orders placed/anchor reads @gateway", median(rates[PLACE]), median(rates[READ])))


def pay_rounds(args: argparse.Namespace, gateway: str, session: str) -> tuple[list[float], int, float]:
    """`--paid` orders placed then paid, by the client threads in turn: each one's seconds from
    申請 answered to お支払い済み shown, the failures, and the wall time of the whole."""
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    left = [args.paid]

    def loop(thread: int) -> None:
        n = 0
        while True:
            with lock:
                if left[0] == 0:
                    return
                left[0] -= 1
            client = browser(_sources(thread)[(n + 500) % 1016], session)
            n += 1
            try:
                order_id = place(client, gateway)
                placed = time.perf_counter()
                pay_and_wait(client, gateway, order_id)
            except (requests.RequestException, RuntimeError) as error:
                print(f"paid journey failed: {error}", flush=True)
                with lock:
                    failures[0] += 1
                continue
            with lock:
                latencies.append(time.perf_counter() - placed)

    # One untimed first: the consumers have joined their groups and the path is warm.
    warm = browser("127.39.0.2", session)
    pay_and_wait(warm, gateway, place(warm, gateway), timeout_s=300)
    started = time.perf_counter()
    workers = [threading.Thread(target=loop, args=(t,)) for t in range(args.threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return latencies, failures[0], time.perf_counter() - started


if __name__ == "__main__":
    main()
