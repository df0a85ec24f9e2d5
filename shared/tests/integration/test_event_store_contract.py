"""The same cases against the in-memory fake and PostgreSQL: the fake is only as good as this."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace

import pytest
from kafka_helpers import event
from sqlalchemy import Engine

from shomei_shared.eventstore.errors import ConcurrencyError
from shomei_shared.eventstore.memory import InMemoryEventStore
from shomei_shared.eventstore.ports import EventStore
from shomei_shared.eventstore.postgres import PostgresEventStore

Transaction = Callable[[], AbstractContextManager[EventStore]]


@pytest.fixture(params=["memory", "postgres"])
def transaction(request: pytest.FixtureRequest) -> Transaction:
    if request.param == "memory":
        store = InMemoryEventStore()

        @contextmanager
        def in_memory() -> Iterator[EventStore]:
            yield store

        return in_memory
    engine: Engine = request.getfixturevalue("engine")

    @contextmanager
    def in_postgres() -> Iterator[EventStore]:
        with engine.begin() as conn:
            yield PostgresEventStore(conn)

    return in_postgres


def test_appended_events_load_in_version_order(transaction: Transaction) -> None:
    with transaction() as store:
        store.append("t.acc", [event("a", 1), event("a", 2)])
    with transaction() as store:
        store.append("t.acc", [event("a", 3), event("b", 1)])
    with transaction() as store:
        assert [e.aggregate_version for e in store.load("a")] == [1, 2, 3]
        assert [e.aggregate_version for e in store.load("a", after_version=1)] == [2, 3]
        assert store.load("missing") == []
        loaded = store.load("b")[0]
    original = event("b", 1)
    assert (loaded.type, loaded.payload, loaded.tenant_id) == (original.type, original.payload, original.tenant_id)


def test_same_version_twice_is_a_concurrency_error(transaction: Transaction) -> None:
    with transaction() as store:
        store.append("t.acc", [event("a", 1)])
    with pytest.raises(ConcurrencyError), transaction() as store:
        store.append("t.acc", [event("a", 1)])


def test_a_gap_after_the_stream_is_refused(transaction: Transaction) -> None:
    with transaction() as store:
        store.append("t.acc", [event("a", 1)])
    with pytest.raises(ConcurrencyError), transaction() as store:
        store.append("t.acc", [event("a", 3)])


def test_a_gap_inside_one_batch_is_refused(transaction: Transaction) -> None:
    with pytest.raises(ValueError, match="contiguous"), transaction() as store:
        store.append("t.acc", [event("a", 1), event("a", 3)])


def test_the_same_message_id_is_stored_once(transaction: Transaction) -> None:
    first = event("a", 1)
    with transaction() as store:
        store.append("t.acc", [first])
    with pytest.raises(ConcurrencyError), transaction() as store:
        store.append("t.acc", [replace(event("b", 1), message_id=first.message_id)])


def test_snapshots_keep_the_newest(transaction: Transaction) -> None:
    with transaction() as store:
        assert store.load_snapshot("a") is None
        store.save_snapshot("a", 5, b"five")
        store.save_snapshot("a", 3, b"three")
    with transaction() as store:
        assert store.load_snapshot("a") == (5, b"five")
