"""The store runs its statements on the psycopg connection under the caller's SQLAlchemy one, and
the engine checks pooled connections without a round trip: what callers must not notice."""

from __future__ import annotations

import time

import pytest
from kafka_helpers import append, event
from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.pool import NullPool

from shomei_shared.eventstore.errors import ConcurrencyError
from shomei_shared.eventstore.postgres import PostgresEventStore
from shomei_shared.messaging.envelope import Envelope


def backend_pid(conn: Connection) -> int:
    return int(conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one())


def terminate(db_url: str, pid: int) -> None:
    """What a database restart does to every backend: a FATAL message, then the socket closes."""
    admin = create_engine(db_url, poolclass=NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql("SELECT pg_terminate_backend(%s)", (pid,))
        deadline = time.monotonic() + 10
        while conn.exec_driver_sql("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (pid,)).scalar_one():
            assert time.monotonic() < deadline, "the backend did not exit"
            # pg_stat_activity is read once per transaction and then cached: look again in a new one.
            conn.rollback()
            time.sleep(0.05)
    admin.dispose()


def test_a_pooled_connection_the_server_dropped_is_replaced_at_checkout(engine: Engine, db_url: str) -> None:
    with engine.connect() as conn:
        first = backend_pid(conn)
    with engine.connect() as conn:
        assert backend_pid(conn) == first  # a live idle connection is reused, not reopened
    terminate(db_url, first)
    with engine.connect() as conn:
        assert backend_pid(conn) != first
        assert PostgresEventStore(conn).load("a") == []


def test_a_connection_dropped_mid_transaction_fails_as_sqlalchemy_would_and_is_not_reused(
        engine: Engine, db_url: str) -> None:
    with engine.connect() as conn:
        pid = backend_pid(conn)
        terminate(db_url, pid)
        with pytest.raises(DBAPIError) as caught:
            PostgresEventStore(conn).load("a")
        assert caught.value.connection_invalidated
    with engine.connect() as conn:
        assert backend_pid(conn) != pid


def test_an_append_on_a_plain_connection_is_committed_by_the_callers_commit_only(engine: Engine) -> None:
    with engine.connect() as conn:
        store = PostgresEventStore(conn)
        assert store.load("a") == []
        store.append("t.acc", [event("a", 1)])
        conn.commit()
    with engine.connect() as conn:
        PostgresEventStore(conn).append("t.acc", [event("a", 2)])
        # no commit: closing rolls back
    with engine.connect() as conn:
        assert [e.aggregate_version for e in PostgresEventStore(conn).load("a")] == [1]


def test_an_append_in_a_rolled_back_savepoint_is_undone_with_it(engine: Engine) -> None:
    with engine.begin() as conn:
        store = PostgresEventStore(conn)
        store.append("t.acc", [event("a", 1)])
        savepoint = conn.begin_nested()
        store.append("t.acc", [event("a", 2), event("b", 1)])
        savepoint.rollback()
        store.save_snapshot("a", 1, b"one")
    with engine.connect() as conn:
        store = PostgresEventStore(conn)
        assert [e.aggregate_version for e in store.load("a")] == [1]
        assert store.load("b") == []
        assert store.load_snapshot("a") == (1, b"one")


def test_loads_in_a_repeatable_read_transaction_share_its_snapshot(engine: Engine) -> None:
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
        store = PostgresEventStore(conn)
        assert store.load("a") == []
        append(engine, "t.acc", [event("a", 1)])  # committed by another transaction meanwhile
        assert store.load("a") == []
    with engine.connect() as conn:
        assert len(PostgresEventStore(conn).load("a")) == 1


def test_other_database_errors_reach_the_caller_as_sqlalchemy_errors(engine: Engine) -> None:
    no_tenant = Envelope(type="Deposited", version=1, tenant_id=None, aggregate_id="a",  # type: ignore[arg-type]
                         aggregate_version=1, payload={})
    with pytest.raises(IntegrityError, match="tenant_id"), engine.begin() as conn:
        PostgresEventStore(conn).append("t.acc", [no_tenant])
    with pytest.raises(IntegrityError, match="tenant_id"), engine.begin() as conn:
        PostgresEventStore(conn).append("t.acc", [event("b", 1), no_tenant])


def snapshot_count(conn: Connection) -> int:
    return int(conn.exec_driver_sql("SELECT count(*) FROM snapshots").scalar_one())


def test_a_transaction_the_store_began_holds_the_callers_later_statements_and_the_next_one_is_atomic_too(
        engine: Engine) -> None:
    with engine.connect() as conn:
        PostgresEventStore(conn).append("t.acc", [event("a", 1)])  # BEGIN travels with this append
        conn.exec_driver_sql("INSERT INTO snapshots (aggregate_id, aggregate_version, state) VALUES ('x', 1, '')")
        conn.rollback()
        assert snapshot_count(conn) == 0 and PostgresEventStore(conn).load("a") == []
        conn.rollback()
        PostgresEventStore(conn).append("t.acc", [event("a", 1)])
        conn.commit()
        # The next transaction on the same connection, begun by SQLAlchemy, must not autocommit.
        conn.exec_driver_sql("INSERT INTO snapshots (aggregate_id, aggregate_version, state) VALUES ('y', 1, '')")
        conn.rollback()
        assert snapshot_count(conn) == 0
        conn.rollback()
    with engine.connect() as conn:
        assert conn.connection.driver_connection.autocommit is False  # type: ignore[union-attr]
        assert len(PostgresEventStore(conn).load("a")) == 1


def test_a_refused_first_append_leaves_the_connection_transactional(engine: Engine) -> None:
    append(engine, "t.acc", [event("a", 1)])
    with engine.connect() as conn:
        with pytest.raises(ConcurrencyError):
            PostgresEventStore(conn).append("t.acc", [event("a", 1)])
        conn.rollback()
        conn.exec_driver_sql("INSERT INTO snapshots (aggregate_id, aggregate_version, state) VALUES ('x', 1, '')")
        conn.rollback()
        assert snapshot_count(conn) == 0
