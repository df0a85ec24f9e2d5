"""How a service reads the events of other services: one way, for every consumer.

A consumer declares the events it hears, each as an event class of its own domain and its own
copy of the producer's schema (services never import each other). The reader:
- ignores event types it does not hear (another consumer's business);
- upcasts older versions through registered upcasters, and refuses a version newer than it
  knows (`UnknownEventType`: the message goes to the dead-letter topic, never guessed at);
- ignores unknown fields, so a producer's additive change breaks no consumer;
- builds the event object from the payload and, for fields the class names after envelope
  attributes (`tenant_id`, `aggregate_id`, `message_id`, `occurred_at`), from the envelope.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from marshmallow import Schema

from shomei_shared.messages import Event
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.messaging.registry import EventRegistry, Upcaster

ENVELOPE_FIELDS = ("tenant_id", "aggregate_id", "aggregate_version", "message_id", "occurred_at")

Factory = Callable[[Envelope], Event]


class EventReader:
    def __init__(self) -> None:
        self.registry = EventRegistry(tolerant=True)
        self._factories: dict[str, Factory] = {}
        self._classes: dict[str, type[Event]] = {}

    def hear(self, event_class: type[Event], schema: Schema, *, event_type: str | None = None,
             version: int | None = None, factory: Factory | None = None) -> None:
        """Hear `event_type` (the class's own by default) at `version` (likewise), read with
        `schema` into `event_class`: by `factory`, or by the class's fields."""
        event_type = event_type or event_class.event_type
        self.registry.register(event_type, version or event_class.event_version, schema)
        self._factories[event_type] = factory or _dataclass_factory(event_class)
        self._classes[event_type] = event_class

    def upcaster(self, event_type: str, from_version: int) -> Callable[[Upcaster], Upcaster]:
        return self.registry.upcaster(event_type, from_version)

    @property
    def event_types(self) -> frozenset[str]:
        return frozenset(self._factories)

    @property
    def event_classes(self) -> frozenset[type[Event]]:
        return frozenset(self._classes.values())

    def read(self, envelope: Envelope) -> Event | None:
        """The event `envelope` carries, or None when this service does not hear its type."""
        factory = self._factories.get(envelope.type)
        if factory is None:
            return None
        return factory(self.registry.load(envelope))


def _dataclass_factory(event_class: type[Event]) -> Factory:
    names = {f.name for f in dataclasses.fields(event_class)}

    def build(envelope: Envelope) -> Event:
        values: dict[str, Any] = {k: v for k, v in envelope.payload.items() if k in names}
        values.update({k: getattr(envelope, k) for k in ENVELOPE_FIELDS if k in names})
        return event_class(**values)

    return build
