"""`python -m bench.event_store.plan_check`: the append's plan-cache trap, reproduced.

On one pooled connection: single-event appends, then a few 100-event appends, then
single-event appends again. After a handful of large appends PostgreSQL's plan cache
(plan_cache_mode=auto) switches the prepared INSERT to its generic plan. In that plan the
predecessor check `OR EXISTS (...)` is a *hashed* subplan over the whole events table, so
every later append on that connection, even a single event, reads every row, and slows as
the table grows. The same sequence is then run with the scalar-subquery check
(bench/event_store/experiments.py) for comparison.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from bench.event_store.experiments import SCALAR_APPEND, VariantStore
from bench.event_store.ours import Ours
from bench.event_store.workload import batches
from bench.infra import postgres, run_dir
from shomei_shared.db import make_engine
from shomei_shared.eventstore.postgres import PostgresEventStore

PHASES = (  # (label, events, events per transaction)
    ("1/txn, before any large append", 500, 1),
    ("100/txn", 10000, 100),
    ("1/txn, after the 100/txn appends", 500, 1),
)


class OneConnection(Ours):
    """Ours on a pool of one, so every append lands on the same connection and plan cache."""

    def __init__(self, url: str, name: str, statement: str | None) -> None:
        super().__init__(url, name=name, engine=make_engine(url, pool_size=1))
        self._statement = statement

    def append(self, batch: Any) -> None:
        with self.engine.begin() as conn:
            store = PostgresEventStore(conn) if self._statement is None else VariantStore(conn, self._statement)
            store.append("bench.orders", batch)


def plan_counts(engine: Engine) -> str:
    # Inside a committed transaction: a ROLLBACK would make psycopg drop its prepared statements.
    with engine.begin() as conn:
        row = conn.exec_driver_sql(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
            " WHERE strpos(statement, 'INSERT INTO events') > 0"
        ).first()
    return "not prepared" if row is None else f"{row[0]} generic / {row[1]} custom plans so far"


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
        for database, statement in (("plan_ours", None), ("plan_scalar", SCALAR_APPEND)):
            server.create_database(database)
            label = "PostgresEventStore (shared/)" if statement is None else "scalar-subquery check (experiment)"
            store = OneConnection(server.url(database), label, statement)
            print(f"{label}:")
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
