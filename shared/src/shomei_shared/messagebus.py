"""The message bus: commands to their one handler, events to every interested handler.

Handlers are plain functions `handler(message, uow)`; events that a command's handler records
are dispatched after its commit, in process. (Other services hear them through Kafka instead.)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from shomei_shared.eventstore.errors import ConcurrencyError
from shomei_shared.messages import Command, Event
from shomei_shared.uow import AbstractUnitOfWork

log = logging.getLogger(__name__)

EventHandler = Callable[[Any, AbstractUnitOfWork], None]
CommandHandler = Callable[[Any, AbstractUnitOfWork], Any]


class MessageBus:
    def __init__(
        self,
        uow: AbstractUnitOfWork,
        event_handlers: Mapping[type[Event], Sequence[EventHandler]],
        command_handlers: Mapping[type[Command], CommandHandler],
        *,
        concurrency_retries: int = 3,
    ) -> None:
        self.uow = uow
        self._event_handlers = event_handlers
        self._command_handlers = command_handlers
        self._retries = concurrency_retries

    def handle(self, command: Command) -> Any:
        """Run the command's handler (retried when another writer got there first), then the
        handlers of the events it recorded; returns the command handler's result."""
        handler = self._command_handlers.get(type(command))
        if handler is None:
            raise LookupError(f"no handler for {type(command).__name__}")
        for attempt in range(1, self._retries + 1):
            try:
                result = handler(command, self.uow)
                break
            except ConcurrencyError:
                self.uow.collect_new_events()
                if attempt == self._retries:
                    raise
                log.info("%s met a concurrent writer; retrying", type(command).__name__)
        self._dispatch(self.uow.collect_new_events())
        return result

    def _dispatch(self, queue: list[Event]) -> None:
        while queue:
            event = queue.pop(0)
            for handler in self._event_handlers.get(type(event), ()):
                try:
                    handler(event, self.uow)
                except Exception:
                    # One reaction failing must not undo the fact or the other reactions.
                    log.exception("handler %s failed for %s", getattr(handler, "__name__", handler),
                                  type(event).__name__)
                queue.extend(self.uow.collect_new_events())
