"""Base message types for domain code: standard library only, so domains may import it.

Commands are imperative requests (`PlaceOrder`); events are facts in the past tense
(`OrderPlaced`). Both are frozen dataclasses; an event names its wire type and version.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar


@dataclass(frozen=True)
class Command:
    """A request to change something; handled by exactly one handler."""


@dataclass(frozen=True)
class Event:
    """Something that happened to one aggregate; any number of handlers may react."""

    event_type: ClassVar[str] = ""
    event_version: ClassVar[int] = 1

    def payload(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


class Aggregate:
    """An entity whose state is the fold of its events; `apply_<EventClass>` methods fold them.

    `topic` names the Kafka topic of this aggregate type (`<service>.<aggregate>`).
    """

    topic: ClassVar[str] = ""

    def __init__(self, aggregate_id: str, tenant_id: str = "") -> None:
        self.id = aggregate_id
        self.tenant_id = tenant_id
        self.version = 0
        self.pending: list[Event] = []

    def record(self, event: Event) -> None:
        """Apply a new event and keep it to be stored with the next commit."""
        self._apply(event)
        self.pending.append(event)

    def replay(self, event: Event) -> None:
        self._apply(event)

    def _apply(self, event: Event) -> None:
        getattr(self, f"apply_{type(event).__name__}")(event)
        self.version += 1

    def take_pending(self) -> list[tuple[int, Event]]:
        """(version, event) for each new event, oldest first; clears the pending list."""
        first = self.version - len(self.pending) + 1
        taken = list(enumerate(self.pending, start=first))
        self.pending = []
        return taken
