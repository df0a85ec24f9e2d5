"""The event store benchmark's output: per-round progress, the table, the ratio lines."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from bench.report import info_ratio_line, median, ratio_line, spread, table

OURS, LIBRARY, RAW = "shomei", "eventsourcing", "raw psycopg"


@dataclass(frozen=True)
class Cases:
    single: str
    concurrent: str
    batched: str
    read: str

    @classmethod
    def for_args(cls, args: argparse.Namespace) -> Cases:
        return cls(
            single="append 1/txn, 1 writer",
            concurrent=f"append 1/txn, {args.writers} writers",
            batched=f"append {args.batch_size}/txn, 1 writer",
            read=f"read {args.stream_length}-event stream",
        )

    def all(self) -> list[str]:
        return [self.single, self.concurrent, self.batched, self.read]


Results = dict[str, dict[str, list[float]]]

# Targets from the issue (issue 6, section 6): ours / library, per case.
TARGETS = {"single": 1.5, "concurrent": 2.0, "batched": 1.3, "read": 1.0}


def round_line(results: Results, round_number: int) -> str:
    parts = []
    for case, by_name in results.items():
        figures = ", ".join(f"{name} {values[round_number]:,.0f}" for name, values in by_name.items())
        parts.append(f"[{case}] {figures}")
    return "  ".join(parts)


def render(results: Results, cases: Cases, names: list[str], args: argparse.Namespace) -> str:
    rows = []
    for case in cases.all():
        for name in names:
            values = results[case][name]
            rows.append([case, name, f"{median(values):,.0f}", spread(values)])
        rows.append(["", "", "", ""])
    lines = [
        f"events/s, median of {args.rounds} rounds ({args.events} events per round at 1/txn, "
        f"{args.batch_events} at {args.batch_size}/txn, {args.streams} streams read per round)",
        "",
        table(["case", "contestant", "median events/s", "min..max"], rows[:-1]),
        "",
    ]

    def fig(case: str, name: str) -> float:
        return median(results[case][name])

    for key, case in zip(TARGETS, cases.all(), strict=True):
        lines.append(ratio_line(f"ours/eventsourcing @{case}", fig(case, OURS), fig(case, LIBRARY), TARGETS[key]))
    for case in cases.all():
        lines.append(info_ratio_line(f"ours/raw @{case}", fig(case, OURS), fig(case, RAW)))
    missed = [case for key, case in zip(TARGETS, cases.all(), strict=True)
              if fig(case, OURS) / fig(case, LIBRARY) < TARGETS[key]]
    if missed:
        lines += [
            "",
            "NOTE: missed in this run: " + "; ".join(missed) + ".",
            "  On a shared 2-core machine runs differ by 20% or more; docs/benchmarks.md gives",
            "  repeated figures and the analysis.",
        ]
    return "\n".join(lines)
