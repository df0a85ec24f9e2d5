"""`python -m bench.event_store.plan_check`: the append's plan-cache trap, checked against.

On one pooled connection: single-event appends, then a few 100-event appends, then
single-event appends again. After a handful of large appends PostgreSQL's plan cache
(plan_cache_mode=auto) may switch a prepared statement to its generic plan. With the old
predecessor check, `OR EXISTS (...)`, that plan was a *hashed* subplan over the whole events
table, so every later append on that connection, even a single event, read every row and
slowed as the table grew (246 events/s after the large appends against ~1,000 before,
docs/benchmarks.md). The real store's check is a scalar subquery: one unique-index probe per
checked row, whatever the plan. This prints the rates of the three phases, the plans cached so
far, and the plan of one more single-event append (via auto_explain); the last phase should be
no slower than the first.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from sqlalchemy import Engine

from bench.event_store.ours import Ours
from bench.event_store.workload import batches
from bench.infra import postgres, run_dir
from shomei_shared.db import make_engine

PHASES = (  # (label, events, events per transaction)
    ("1/txn, before any large append", 500, 1),
    ("100/txn", 10000, 100),
    ("1/txn, after the 100/txn appends", 500, 1),
)


class OneConnection(Ours):
    """Ours on a pool of one, so every append lands on the same connection and plan cache."""

    def __init__(self, url: str) -> None:
        super().__init__(url, name="PostgresEventStore (shared/)", engine=make_engine(url, pool_size=1))


def plan_counts(engine: Engine) -> str:
    with engine.begin() as conn:
        rows = conn.exec_driver_sql(
            "SELECT generic_plans, custom_plans, strpos(statement, 'unnest') > 0 FROM pg_prepared_statements"
            " WHERE strpos(statement, 'INSERT INTO events') > 0"
        ).all()
    counts = [f"{'batch' if batch else 'single'}: {generic} generic / {custom} custom"
              for generic, custom, batch in rows]
    return "; ".join(sorted(counts)) or "not prepared"


def last_plan(engine: Engine, store: OneConnection, log: Path) -> str:
    """The plan PostgreSQL used for one more single-event append (a version 2), via auto_explain."""
    with engine.begin() as conn:
        conn.exec_driver_sql("LOAD 'auto_explain'")
        conn.exec_driver_sql("SET auto_explain.log_min_duration = 0")
        conn.exec_driver_sql("SET auto_explain.log_analyze = on")
    first, second = store.prepare(batches(2, 1))  # versions 1 and 2: the second checks its predecessor
    store.append(first)
    mark = log.stat().st_size
    store.append(second)
    time.sleep(0.3)  # the server writes its log asynchronously
    text = log.read_text(errors="replace")[mark:]
    lines = [line.strip() for line in text.splitlines() if re.search(r"Filter|Scan|SubPlan", line)]
    return "\n      ".join(lines[:6]) or "(no plan logged)"


def main() -> None:
    with run_dir("plan_check") as directory, postgres(directory) as server:
        server.create_database("plan_ours")
        store = OneConnection(server.url("plan_ours"))
        print(f"{store.name}:")
        for phase, events, size in PHASES:
            prepared = store.prepare(batches(events, size))
            start = time.perf_counter()
            for batch in prepared:
                store.append(batch)
            rate = events / (time.perf_counter() - start)
            print(f"  {phase:34s} {rate:8,.0f} events/s   ({plan_counts(store.engine)})", flush=True)
        print("  plan of one more single-event append (version 2 of its aggregate):\n      " +
              last_plan(store.engine, store, directory / "postgres.log"))
        store.close()


if __name__ == "__main__":
    main()
