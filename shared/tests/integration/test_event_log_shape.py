"""The events table's shape since the machinery's step v2 (docs/adr/0024): the payload kept as the
JSON text the store wrote, (txid, id) as the primary key, and still an index under every query."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import psycopg
import pytest
from kafka_helpers import append, event
from sqlalchemy import Engine, create_engine

from shomei_shared.db import migrate
from shomei_shared.eventstore.postgres import PostgresEventStore
from shomei_shared.eventstore.statements import APPEND, APPEND_ONE, LOAD
from shomei_shared.outbox.relay import _BATCH as RELAY_BATCH

MIGRATIONS = Path(__file__).parent.parent / "migrations"


def test_the_payload_is_kept_as_the_text_the_store_wrote(engine: Engine) -> None:
    # jsonb would have sorted the keys and spaced them: {"b": "佐藤", "amount": 1, ...}
    append(engine, "t.acc", [event("a", 1, b="佐藤")])
    with engine.connect() as conn:
        stored, kind, read_in_sql = conn.exec_driver_sql(
            "SELECT payload::text, pg_typeof(payload)::text, payload->>'b' FROM events").one()
    assert (stored, kind, read_in_sql) == ('{"amount":1,"currency":"JPY","b":"佐藤"}', "json", "佐藤")


def test_payloads_are_encoded_as_the_standard_library_encodes_them(engine: Engine) -> None:
    payload = {"名前": "佐藤 \"太郎\"\n", "n": [1, 2.5, -0.0, 10**18, None, True], "nested": {"k": {}}, 3: "int key"}
    append(engine, "t.acc", [replace(event("a", 1), payload=payload)])
    with engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT payload::text FROM events").scalar_one()
    assert stored == json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def test_step_v2_keeps_the_stored_events_their_payloads_and_the_relay_order(
        new_database: Callable[[str], str]) -> None:
    url = new_database("shape")
    migrate(url, MIGRATIONS, revision="0001")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:  # two events as a v1 database holds them, payloads as jsonb
            conn.exec_driver_sql(
                "INSERT INTO events (message_id, topic, type, version, tenant_id, aggregate_id, aggregate_version,"
                " occurred_at, payload) VALUES (gen_random_uuid(), 't.acc', 'Deposited', 2, 't1', 'a', 1, now(),"
                " '{\"amount\": 1, \"memo\": \"佐藤\"}'), (gen_random_uuid(), 't.acc', 'Deposited', 2, 't1', 'a', 2,"
                " now(), '{\"amount\": 2}')")
            before = conn.exec_driver_sql("SELECT txid::text, id, message_id FROM events ORDER BY id").all()
        migrate(url, MIGRATIONS)
        with engine.begin() as conn:
            assert conn.exec_driver_sql("SELECT txid::text, id, message_id FROM events ORDER BY id").all() == before
            PostgresEventStore(conn).append("t.acc", [event("a", 3)])
        with engine.connect() as conn:
            loaded = PostgresEventStore(conn).load("a")
        assert [e.payload for e in loaded] == [
            {"amount": 1, "memo": "佐藤"}, {"amount": 2}, {"amount": 3, "currency": "JPY"}]
    finally:
        engine.dispose()


def _plan(url: str, statement: str, params: Any) -> str:
    """The plan PostgreSQL would use with sequential scans priced out of reach: a Seq Scan on
    events left in it means no index can serve the statement."""
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as conn:
        conn.execute("SET enable_seqscan = off")
        rows = conn.cursor(binary=True).execute("EXPLAIN " + statement, params).fetchall()
    return "\n".join(str(row[0]) for row in rows)


@pytest.mark.parametrize(("name", "statement", "params", "index"), [
    ("load", LOAD, ("a", 0), "events_aggregate_version_key"),
    ("append one (predecessor check)", APPEND_ONE,
     ("t", *(str(event("a", 2).message_id), "T", 1, "t1", "a", 2, None, None, None, "{}", True)),
     "events_aggregate_version_key"),
    ("append a batch (predecessor check)", APPEND,
     ("t", [event("a", 2).message_id], ["T"], [1], ["t1"], ["a"], [2], [None], [None], [None], ["{}"], [True]),
     "events_aggregate_version_key"),
    ("relay batch", RELAY_BATCH.replace("%(txid)s", "%s").replace("%(id)s", "%s").replace("%(limit)s", "%s"),
     ("0", 0, 100), "events_pkey"),
])
def test_every_statement_on_events_is_served_by_an_index(db_url: str, name: str, statement: str, params: Any,
                                                          index: str) -> None:
    plan = _plan(db_url, statement, params)
    assert index in plan and "Seq Scan on events" not in plan, f"{name}:\n{plan}"
