"""The message bus: a command to its one handler, an event to every handler interested in it.

Web requests hand the bus commands; the consumer hands it the events it hears from other
services (turned into event objects by the service's `EventReader`). Handlers are plain
functions `handler(message, uow, **dependencies)`, bound to their dependencies once by the
bootstrap (`inject`). The events a handler records are dispatched after its commit, in process,
each as the cause of what reacts to it; other services hear them through Kafka instead.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from shomei_shared.eventstore.errors import ConcurrencyError
from shomei_shared.messages import Command, Event
from shomei_shared.messaging.cause import Cause
from shomei_shared.uow import AbstractUnitOfWork

log = logging.getLogger(__name__)

Handler = Callable[[Any, AbstractUnitOfWork], Any]
Message = Command | Event


def inject(handler: Callable[..., Any], dependencies: Mapping[str, Any]) -> Handler:
    """`handler` with the dependencies its signature names bound (cosmicpython's bootstrap).

    The first two parameters are the message and the unit of work; every further parameter
    must be a dependency the bootstrap provides, so a missing one fails at start, not later.
    """
    wanted = list(inspect.signature(handler).parameters)[2:]
    missing = [name for name in wanted if name not in dependencies]
    if missing:
        raise LookupError(f"{getattr(handler, '__name__', handler)} needs {missing}, not provided")
    return partial(handler, **{name: dependencies[name] for name in wanted})


class MessageBus:
    def __init__(
        self,
        uow: AbstractUnitOfWork,
        command_handlers: Mapping[type[Command], Handler],
        event_handlers: Mapping[type[Event], Sequence[Handler]],
        *,
        concurrency_retries: int = 3,
    ) -> None:
        self.uow = uow
        self._command_handlers = command_handlers
        self._event_handlers = event_handlers
        self._retries = concurrency_retries

    def handle(self, message: Message, cause: Cause | None = None) -> Any:
        """Handle `message` and then the events it led to; returns a command handler's result.

        A command meeting a concurrent writer is retried; a heard event is not (the consumer
        retries the whole message, as its transaction is then spoilt). Errors of the message's
        own handlers propagate; errors of reactions to follow-up events are logged.
        """
        cause = cause or Cause.current()
        self.uow.cause = cause
        result = None
        if isinstance(message, Command):
            result = self._run_command(message)
        elif isinstance(message, Event):
            handlers = self._event_handlers.get(type(message), ())
            if not handlers:
                raise LookupError(f"no handler for {type(message).__name__}")
            for handler in handlers:
                handler(message, self.uow)
        else:
            raise TypeError(f"{message!r} is neither a command nor an event")
        self._dispatch(self.uow.collect_new_events(), cause)
        return result

    def _run_command(self, command: Command) -> Any:
        handler = self._command_handlers.get(type(command))
        if handler is None:
            raise LookupError(f"no handler for {type(command).__name__}")
        for attempt in range(1, self._retries + 1):
            try:
                return handler(command, self.uow)
            except ConcurrencyError:
                self.uow.collect_new_events()
                if attempt == self._retries:
                    raise
                log.info("%s met a concurrent writer; retrying", type(command).__name__)
        raise AssertionError("unreachable")

    def _dispatch(self, queue: list[tuple[Event, str]], cause: Cause) -> None:
        while queue:
            event, message_id = queue.pop(0)
            for handler in self._event_handlers.get(type(event), ()):
                self.uow.cause = cause.followed_by(message_id)
                try:
                    handler(event, self.uow)
                except Exception:
                    # One reaction failing must not undo the fact or the other reactions.
                    log.exception("handler %s failed for %s", getattr(handler, "__name__", handler),
                                  type(event).__name__)
                queue.extend(self.uow.collect_new_events())
