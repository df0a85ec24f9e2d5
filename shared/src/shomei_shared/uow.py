"""Unit of work: one transaction for the state a handler changes and the events it records.

In the style of cosmicpython: handlers get a unit of work, load aggregates through it, and call
`commit()`; the new events of every aggregate it handed out are appended to the event store in
the same transaction, which makes them the outbox the relay publishes from.
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from typing import Any, Self, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from shomei_shared.eventstore.memory import InMemoryEventStore
from shomei_shared.eventstore.ports import EventStore
from shomei_shared.eventstore.postgres import PostgresEventStore
from shomei_shared.messages import Aggregate, Event
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.messaging.registry import EventRegistry

A = TypeVar("A", bound=Aggregate)


class AggregateNotFound(LookupError):
    pass


class AbstractUnitOfWork(abc.ABC):
    events: EventStore

    def __init__(self, registry: EventRegistry) -> None:
        self._registry = registry
        self._seen: dict[str, Aggregate] = {}
        self.new_events: list[Event] = []
        self.correlation_id: str | None = None
        self.causation_id: str | None = None

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
            self.new_events.extend(event for _, event in taken)
        self._commit()

    def collect_new_events(self) -> list[Event]:
        collected, self.new_events = self.new_events, []
        return collected

    def _envelope(self, aggregate: Aggregate, version: int, event: Event) -> Envelope:
        payload = self._registry.validate(event.event_type, event.event_version, event.payload())
        return Envelope(
            type=event.event_type, version=event.event_version, tenant_id=aggregate.tenant_id,
            aggregate_id=aggregate.id, aggregate_version=version, payload=payload,
            correlation_id=self.correlation_id, causation_id=self.causation_id,
        )

    @abc.abstractmethod
    def _commit(self) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None: ...


class SqlAlchemyUnitOfWork(AbstractUnitOfWork):
    def __init__(self, engine: Engine, registry: EventRegistry) -> None:
        super().__init__(registry)
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)

    def __enter__(self) -> Self:
        self.session: Session = self._sessions()
        self.events = PostgresEventStore(self.session.connection())
        return super().__enter__()

    def __exit__(self, *exc: object) -> None:
        super().__exit__(*exc)
        self.session.close()

    def _commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


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
