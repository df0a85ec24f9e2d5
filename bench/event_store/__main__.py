"""`python -m bench.event_store`: append and read throughput, ours against eventsourcing and raw.

Fairness: one PostgreSQL (durable, real fsync) for all; each contestant in its own database;
identical events (ids, versions, ~200-byte JSON payloads) prepared before the clock starts; a
warm-up first; contestants interleaved case by case, their order rotated every round so that
none always runs right after the same neighbour's checkpoint or vacuum; medians over rounds.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from collections import defaultdict

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
        order = contestants[shift:] + contestants[:shift]
        single = batches(args.events, 1)
        lanes = split_by_aggregate(batches(args.events, 1), args.writers)
        batched = batches(args.batch_events, args.batch_size)
        for contestant in order:
            results[cases.single][contestant.name].append(runner.appends(contestant, contestant.prepare(single)))
        for contestant in order:
            prepared_lanes = [contestant.prepare(lane) for lane in lanes]
            results[cases.concurrent][contestant.name].append(runner.concurrent_appends(contestant, prepared_lanes))
        for contestant in order:
            results[cases.batched][contestant.name].append(runner.appends(contestant, contestant.prepare(batched)))
        for contestant in order:
            keys = [contestant.stream_key(s) for s in stream_ids]
            results[cases.read][contestant.name].append(runner.reads(contestant, keys, args.stream_length))
        print(f"round {round_number + 1}/{args.rounds}: " + summary.round_line(results, round_number), flush=True)
    return results


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
