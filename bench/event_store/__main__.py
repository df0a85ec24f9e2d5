"""`python -m bench.event_store`: append and read throughput, ours against eventsourcing and raw.

Fairness: one PostgreSQL (durable, real fsync) for all; each contestant in its own database;
identical events (ids, versions, ~200-byte JSON payloads) prepared before the clock starts; a
warm-up first; each case cut into slices, contestants taking turns at every slice in a rotating
order, so that neither a burst of load from elsewhere on a shared machine nor a neighbour's
checkpoint or vacuum lands on one contestant only; medians over rounds.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from collections import defaultdict
from collections.abc import Callable

from bench.event_store import runner, summary
from bench.event_store.contestants import Contestant
from bench.event_store.library import Library
from bench.event_store.ours import Ours
from bench.event_store.raw import Raw
from bench.event_store.workload import PAYLOAD_BYTES, batches, split_by_aggregate, streams
from bench.infra import postgres, postgres_version, run_dir, stop_cleanly_on_sigterm
from shomei_devtools.postgres import LocalPostgres

Results = dict[str, dict[str, list[float]]]  # case -> contestant -> events/s per round


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.event_store", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=3000,
                        help="events per contestant per round at 1 event/txn (default: %(default)s)")
    parser.add_argument("--batch-events", type=int, default=20000,
                        help="events per contestant per round in the batched case (default: %(default)s)")
    parser.add_argument("--batch-size", type=int, default=100, help="events per transaction (default: %(default)s)")
    parser.add_argument("--writers", type=int, default=4, help="threads in the concurrent case (default: %(default)s)")
    parser.add_argument("--streams", type=int, default=200, help="streams read per round (default: %(default)s)")
    parser.add_argument("--stream-length", type=int, default=50, help="events per stream (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=5,
                        help="measured rounds; medians reported (default: %(default)s)")
    parser.add_argument("--slices", type=int, default=10,
                        help="each case runs in this many slices, contestants taking turns at each "
                             "(default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL data dir and log")
    return parser.parse_args(argv)


def build(server: LocalPostgres) -> list[Contestant]:
    """Each contestant gets a database of its own: no shared table, index or sequence."""
    for database in ("bench_ours", "bench_eventsourcing", "bench_raw"):
        server.create_database(database)
    return [Ours(server.url("bench_ours")), Library(server, "bench_eventsourcing"), Raw(server, "bench_raw")]


def measure(contestants: list[Contestant], args: argparse.Namespace, cases: summary.Cases) -> Results:
    results: Results = defaultdict(lambda: defaultdict(list))
    # Streams to read, written once (not timed); every round reads all of them.
    stored = list(streams(args.streams, args.stream_length))
    stream_ids = [s[0].aggregate_id for s in stored]
    for contestant in contestants:
        for prepared in contestant.prepare(stored):
            contestant.append(prepared)

    # Warm-up, untimed: pool connections, prepared statements, PostgreSQL's caches, lazy imports.
    print("warming up ...", flush=True)
    for contestant in contestants:
        runner.appends(contestant, contestant.prepare(batches(200, 1)))
        runner.concurrent_appends(contestant, [contestant.prepare(lane) for lane in
                                               split_by_aggregate(batches(200, 1), args.writers)])
        runner.appends(contestant, contestant.prepare(batches(10 * args.batch_size, args.batch_size)))
        runner.reads(contestant, [contestant.stream_key(s) for s in stream_ids[:20]], args.stream_length)

    for round_number in range(args.rounds):
        shift = round_number % len(contestants)
        for case, rates in one_round(contestants[shift:] + contestants[:shift], args, cases, stream_ids).items():
            for name, rate in rates.items():
                results[case][name].append(rate)
        print(f"round {round_number + 1}/{args.rounds}: " + summary.round_line(results, round_number), flush=True)
    return results


def one_round(order: list[Contestant], args: argparse.Namespace, cases: summary.Cases,
              stream_ids: list[str]) -> dict[str, dict[str, float]]:
    """Fresh events for every case, cut into slices; events/s per case and contestant."""
    single = runner.slices(batches(args.events, 1), args.slices)
    lanes = [runner.slices(lane, args.slices) for lane in split_by_aggregate(batches(args.events, 1), args.writers)]
    batched = runner.slices(batches(args.batch_events, args.batch_size), args.slices)
    key_slices = runner.slices(stream_ids, args.slices)
    # Each contestant's own inputs, prepared before any clock starts.
    own_single = {c.name: [c.prepare(list(part)) for part in single] for c in order}
    own_lanes = {c.name: [[c.prepare(list(lane[i])) for lane in lanes] for i in range(args.slices)] for c in order}
    own_batched = {c.name: [c.prepare(list(part)) for part in batched] for c in order}
    own_keys = {c.name: [[c.stream_key(k) for k in part] for part in key_slices] for c in order}
    timed: dict[str, Callable[[Contestant, int], runner.Timing]] = {
        cases.single: lambda c, i: runner.appends(c, own_single[c.name][i]),
        cases.concurrent: lambda c, i: runner.concurrent_appends(c, own_lanes[c.name][i]),
        cases.batched: lambda c, i: runner.appends(c, own_batched[c.name][i]),
        cases.read: lambda c, i: runner.reads(c, own_keys[c.name][i], args.stream_length),
    }
    return {case: runner.interleaved(order, args.slices, timed[case]) for case in cases.all()}


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    stop_cleanly_on_sigterm()
    cases = summary.Cases.for_args(args)
    with run_dir("event_store", keep=args.keep) as directory, postgres(directory) as server:
        print(f"PostgreSQL {postgres_version(server)} (durable: fsync on), Python {platform.python_version()}, "
              f"{os.cpu_count()} CPUs; payload {PAYLOAD_BYTES} B JSON; {args.rounds} rounds", flush=True)
        contestants = build(server)
        try:
            results = measure(contestants, args, cases)
        finally:
            for contestant in contestants:
                contestant.close()
    print()
    print(summary.render(results, cases, [c.name for c in contestants], args))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
