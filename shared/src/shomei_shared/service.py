"""The runtime of a service: what its web app, consumer and scripts hold, built by its bootstrap.

A service declares, in one place each, its command handlers and its event handlers (the
service layer's `handlers.py`), the events it hears from other services (an `EventReader`), and
its repositories; its `bootstrap.py` calls `build_service` with the real adapters (or the fakes
a test passes in). Nothing else is wired by hand:
- `service.handle(command)` runs a web request's command in a unit of work of its own, caused
  by the request (its correlation id);
- `service.consume(envelope, connection)` is the idempotent consumer's handler: the envelope
  becomes an event, handled in the consumer's transaction (the one that records the message id),
  caused by the envelope.
A unit of work and a bus are made per message, so concurrent requests never share one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection

from shomei_shared.messagebus import Handler, MessageBus, inject
from shomei_shared.messages import Command, Event
from shomei_shared.messaging.cause import Cause
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.messaging.reader import EventReader
from shomei_shared.uow import AbstractUnitOfWork

U = TypeVar("U", bound=AbstractUnitOfWork)
UnitOfWorkFactory = Callable[[Connection | None], U]


@dataclass
class Service(Generic[U]):
    name: str
    unit_of_work: UnitOfWorkFactory[U]
    command_handlers: Mapping[type[Command], Handler]
    event_handlers: Mapping[type[Event], Sequence[Handler]]
    heard: EventReader = field(default_factory=EventReader)
    dependencies: Mapping[str, Any] = field(default_factory=dict)
    # The in-memory state behind a service bootstrapped on fakes, for its tests to inspect
    # (as cosmicpython's tests look into `bus.uow`); None on real adapters.
    fakes: Any = None

    def handle(self, message: Command | Event, *, connection: Connection | None = None,
               cause: Cause | None = None) -> Any:
        bus = MessageBus(self.unit_of_work(connection), self.command_handlers, self.event_handlers)
        return bus.handle(message, cause)

    def uow(self) -> U:
        """A unit of work of its own, for reads (views) that need no bus."""
        return self.unit_of_work(None)

    def consume(self, envelope: Envelope, connection: Connection) -> None:
        """For `IdempotentConsumer`: handle what this service hears; skip what it does not."""
        event = self.heard.read(envelope)
        if event is None:
            return
        self.handle(event, connection=connection, cause=Cause.of(envelope))


def build_service(
    name: str,
    *,
    unit_of_work: UnitOfWorkFactory[U],
    commands: Mapping[type[Command], Callable[..., Any]],
    events: Mapping[type[Event], Sequence[Callable[..., Any]]] | None = None,
    dependencies: Mapping[str, Any] | None = None,
    heard: EventReader | None = None,
    fakes: Any = None,
) -> Service[U]:
    """Bind every handler to the dependencies it names, and check that every heard event has
    a handler (a heard event without one would be recorded as handled and silently lost)."""
    deps = dict(dependencies or {})
    events = events or {}
    reader = heard or EventReader()
    unhandled = sorted(cls.__name__ for cls in reader.event_classes - set(events))
    if unhandled:
        raise LookupError(f"{name} hears {unhandled} but declares no handler for them")
    return Service(
        name=name,
        unit_of_work=unit_of_work,
        command_handlers={command: inject(handler, deps) for command, handler in commands.items()},
        event_handlers={event: [inject(h, deps) for h in handlers] for event, handlers in events.items()},
        heard=reader,
        dependencies=deps,
        fakes=fakes,
    )
