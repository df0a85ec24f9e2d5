"""What only the real store can show: concurrent transactions, and stored v1 events read as v2."""

from __future__ import annotations

import threading

import pytest
from kafka_helpers import append, event
from sample_domain import Account, Deposited, make_registry
from sqlalchemy import Engine, text

from shomei_shared.eventstore.errors import ConcurrencyError
from shomei_shared.eventstore.postgres import PostgresEventStore
from shomei_shared.uow import SqlUnitOfWork


def test_concurrent_append_to_one_aggregate_raises_concurrency_error(engine: Engine) -> None:
    append(engine, "t.acc", [event("a", 1)])
    first_holds_v2 = threading.Event()
    errors: list[BaseException] = []

    def second_writer() -> None:
        first_holds_v2.wait()
        try:
            with engine.begin() as conn:
                PostgresEventStore(conn).append("t.acc", [event("a", 2)])
        except BaseException as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)

    thread = threading.Thread(target=second_writer)
    thread.start()
    with engine.begin() as conn:
        PostgresEventStore(conn).append("t.acc", [event("a", 2)])
        first_holds_v2.set()
        thread.join(timeout=0.5)  # the second writer now waits on our uncommitted v2
    thread.join(timeout=10)
    assert len(errors) == 1 and isinstance(errors[0], ConcurrencyError)
    with engine.connect() as conn:
        assert len(PostgresEventStore(conn).load("a")) == 2


def test_a_writer_whose_transaction_began_before_the_predecessor_committed_must_retry(engine: Engine) -> None:
    """Per aggregate, txid may not decrease with the version: that is what keeps the relay's
    (txid, id) order faithful to each aggregate's order."""
    append(engine, "t.acc", [event("a", 1)])
    with engine.connect() as early:
        early.exec_driver_sql("SELECT pg_current_xact_id()")  # takes its transaction id now
        append(engine, "t.acc", [event("a", 2)])  # a later transaction commits v2
        with pytest.raises(ConcurrencyError):
            PostgresEventStore(early).append("t.acc", [event("a", 3)])
        early.rollback()
    append(engine, "t.acc", [event("a", 3)])  # the retry, in a fresh transaction, succeeds


def test_a_stored_v1_event_rebuilds_the_aggregate_as_v2(engine: Engine) -> None:
    registry = make_registry()
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO events (message_id, topic, type, version, tenant_id, aggregate_id, aggregate_version,"
            " occurred_at, payload) VALUES (gen_random_uuid(), 'test.account', 'AccountOpened', 1, 't1', 'acc',"
            " 1, now(), '{\"owner\": \"佐藤\"}'), (gen_random_uuid(), 'test.account', 'Deposited', 1, 't1', 'acc',"
            " 2, now(), '{\"amount\": 300}')"))
    with SqlUnitOfWork(registry, engine=engine) as uow:
        account = uow.get(Account, "acc")
        assert (account.owner, account.balance, account.version) == ("佐藤", 300, 2)
        account.deposit(200)
        uow.commit()
    with engine.connect() as conn:
        stored = PostgresEventStore(conn).load("acc")
    assert [(e.version, e.payload) for e in stored[1:]] == [
        (1, {"amount": 300}), (2, {"amount": 200, "currency": "JPY"})]
    assert registry.to_event(stored[1]) == Deposited(amount=300, currency="JPY")


def test_uow_rollback_leaves_no_event(engine: Engine) -> None:
    registry = make_registry()
    with SqlUnitOfWork(registry, engine=engine) as uow:
        uow.add(Account.open("acc", "t1", "owner"))
        # no commit: leaving the block rolls back
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM events").scalar_one() == 0


def test_concurrent_migrations_apply_each_revision_once(new_database: object) -> None:
    """Every process of a service migrates at start; the advisory lock lets only one do the work."""
    from pathlib import Path

    from shomei_shared.db import migrate_when_ready

    url = new_database("migrate")  # type: ignore[operator]
    location = Path(__file__).parent.parent / "migrations"
    errors: list[BaseException] = []

    def run() -> None:
        try:
            migrate_when_ready(url, location)
        except BaseException as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all() == ["0002"]
        assert conn.exec_driver_sql("SELECT count(*) FROM events").scalar_one() == 0
    engine.dispose()


def test_a_joined_unit_of_work_commits_and_rolls_back_with_its_caller(engine: Engine) -> None:
    """The one rule for joining (ADR 0015): inside a caller's transaction, the unit of work's commit
    appends the events, and the caller's commit or rollback decides for all of it."""
    registry = make_registry()
    with engine.connect() as conn:
        conn.begin()
        with SqlUnitOfWork(registry, connection=conn) as uow:
            uow.add(Account.open("kept", "t1", "owner"))
            uow.commit()
        conn.commit()
    with engine.connect() as conn:
        conn.begin()
        with SqlUnitOfWork(registry, connection=conn) as uow:
            uow.add(Account.open("dropped", "t1", "owner"))
            uow.commit()
        conn.rollback()  # the caller's failure, after the handler committed: nothing of it stays
    with engine.connect() as conn:
        assert [e.aggregate_id for e in PostgresEventStore(conn).load("kept")] == ["kept"]
        assert PostgresEventStore(conn).load("dropped") == []
