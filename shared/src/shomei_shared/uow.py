"""Unit of work: one transaction for the state a handler changes and the events it records.

In the style of cosmicpython: handlers get a unit of work, load aggregates through it, and call
`commit()`; the new events of every aggregate it handed out are appended to the event store in
the same transaction, which makes them the outbox the relay publishes from. Each event is
stamped with the unit of work's `cause` (correlation and causation ids, set by the bus).

Every service uses `SqlUnitOfWork` on PostgreSQL, with its own repositories attached by the
bootstrap, and `FakeUnitOfWork` (or a richer fake of its own) in unit tests.

The rule for joining a transaction (one for every service): a unit of work opened with an
engine owns its transaction and commits it. A unit of work opened on a caller's connection (the
idempotent consumer's, which has just recorded the message id) joins that transaction as it is,
without a savepoint: its `commit()` appends the events and flushes nothing else, the caller
commits the ledger row, the state and the events together, and any error rolls all of them back
so the message is retried whole.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Mapping
from typing import Any, Self, TypeVar

from sqlalchemy import Connection, Engine

from shomei_shared.eventstore.memory import InMemoryEventStore
from shomei_shared.eventstore.ports import EventStore
from shomei_shared.eventstore.postgres import PostgresEventStore
from shomei_shared.messages import Aggregate, Event
from shomei_shared.messaging.cause import Cause
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.messaging.registry import EventRegistry

A = TypeVar("A", bound=Aggregate)

Repositories = Callable[[Connection], Mapping[str, Any]]


class AggregateNotFound(LookupError):
    pass


class AbstractUnitOfWork(abc.ABC):
    events: EventStore

    def __init__(self, registry: EventRegistry) -> None:
        self._registry = registry
        self._seen: dict[str, Aggregate] = {}
        # (event, message id of its envelope): the bus names the message id as the cause of
        # whatever reacts to the event.
        self.new_events: list[tuple[Event, str]] = []
        self.cause: Cause | None = None

    def __enter__(self) -> Self:
        self._seen = {}
        return self

    def __exit__(self, *exc: object) -> None:
        self.rollback()

    def get(self, factory: Callable[[str], A], aggregate_id: str) -> A:
        """The aggregate rebuilt from its events (after its snapshot, if it keeps one)."""
        aggregate = factory(aggregate_id)
        after = 0
        snapshot = self.events.load_snapshot(aggregate_id)
        restore = getattr(aggregate, "restore_snapshot", None)
        if snapshot is not None and restore is not None:
            after = snapshot[0]
            restore(snapshot[1])
            aggregate.version = after
        stored = self.events.load(aggregate_id, after_version=after)
        if not stored and after == 0:
            raise AggregateNotFound(aggregate_id)
        if stored:
            aggregate.tenant_id = stored[0].tenant_id
        for envelope in stored:
            aggregate.replay(self._registry.to_event(envelope))
        self._seen[aggregate.id] = aggregate
        return aggregate

    def add(self, aggregate: Aggregate) -> None:
        self._seen[aggregate.id] = aggregate

    def commit(self) -> None:
        for aggregate in self._seen.values():
            taken = aggregate.take_pending()
            if not taken:
                continue
            envelopes = [self._envelope(aggregate, version, event) for version, event in taken]
            self.events.append(aggregate.topic, envelopes)
            pairs = zip(taken, envelopes, strict=True)
            self.new_events.extend((event, envelope.message_id) for (_, event), envelope in pairs)
        self._commit()

    def collect_new_events(self) -> list[tuple[Event, str]]:
        collected, self.new_events = self.new_events, []
        return collected

    def _envelope(self, aggregate: Aggregate, version: int, event: Event) -> Envelope:
        payload = self._registry.validate(event.event_type, event.event_version, event.payload())
        cause = self.cause or Cause.current()
        return Envelope(
            type=event.event_type, version=event.event_version, tenant_id=aggregate.tenant_id,
            aggregate_id=aggregate.id, aggregate_version=version, payload=payload,
            correlation_id=cause.correlation_id, causation_id=cause.causation_id,
        )

    @abc.abstractmethod
    def _commit(self) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None: ...


class SqlUnitOfWork(AbstractUnitOfWork):
    """The event store and a service's repositories on one PostgreSQL connection.

    `repositories(connection)` names the repositories the handlers use (`uow.accounts`, …).
    Given an engine it owns its transaction; given a connection it joins the caller's (see the
    module's rule).
    """

    def __init__(self, registry: EventRegistry, repositories: Repositories | None = None, *,
                 engine: Engine | None = None, connection: Connection | None = None) -> None:
        super().__init__(registry)
        if (engine is None) == (connection is None):
            raise ValueError("give either an engine or a connection")
        self._engine, self._joined = engine, connection
        self._repositories = repositories or (lambda _: {})
        self._owned: Connection | None = None

    @property
    def connection(self) -> Connection:
        found = self._joined or self._owned
        if found is None:
            raise RuntimeError("the unit of work is not open")
        return found

    def __enter__(self) -> Self:
        if self._joined is None:
            assert self._engine is not None
            self._owned = self._engine.connect()
            self._owned.begin()
        connection = self.connection
        self.events = PostgresEventStore(connection)
        for name, repository in self._repositories(connection).items():
            setattr(self, name, repository)
        return super().__enter__()

    def __exit__(self, *exc: object) -> None:
        super().__exit__(*exc)
        if self._owned is not None:
            self._owned.close()
            self._owned = None

    def _commit(self) -> None:
        if self._owned is not None:
            self._owned.commit()

    def rollback(self) -> None:
        # A joined unit of work leaves rolling back to its caller, whose transaction it shares:
        # the error that made it leave propagates there.
        if self._owned is not None:
            self._owned.rollback()


class FakeUnitOfWork(AbstractUnitOfWork):
    """Keeps appends in a staging store until commit, so a rollback really discards them."""

    def __init__(self, registry: EventRegistry, store: InMemoryEventStore | None = None) -> None:
        super().__init__(registry)
        self.store = store or InMemoryEventStore()
        self.committed = False

    def __enter__(self) -> Self:
        self._staged: list[tuple[str, list[Envelope]]] = []
        self.events = _StagingStore(self.store, self._staged)
        return super().__enter__()

    def _commit(self) -> None:
        # All or nothing, like the database: restore the store if any append is refused.
        saved = ({k: list(v) for k, v in self.store.streams.items()}, list(self.store.log))
        try:
            for topic, envelopes in self._staged:
                self.store.append(topic, envelopes)
        except Exception:
            self.store.streams, self.store.log = saved
            raise
        finally:
            self._staged.clear()
        self.committed = True

    def rollback(self) -> None:
        self._staged.clear()


class _StagingStore:
    def __init__(self, store: InMemoryEventStore, staged: list[tuple[str, list[Envelope]]]) -> None:
        self._store, self._staged = store, staged

    def append(self, topic: str, envelopes: Any) -> None:
        self._staged.append((topic, list(envelopes)))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)
