"""Event schemas by type and version, and the upcasters that carry old versions forward.

An event stored years ago as v1 must still read today: each `upcaster(type, n)` turns a v`n`
payload into v`n+1`, and `read` chains them up to the newest registered version, then validates
the result against that version's schema.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Literal

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError

from shomei_shared.messages import Event
from shomei_shared.messaging.envelope import Envelope

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]


class UnknownEventType(LookupError):
    pass


class InvalidEvent(ValueError):
    def __init__(self, event_type: str, version: int, errors: Any) -> None:
        super().__init__(f"{event_type} v{version} is invalid: {errors}")
        self.errors = errors


class EventRegistry:
    def __init__(self, *, tolerant: bool = False) -> None:
        # A producer's registry refuses unknown fields (its own events must match its contract);
        # a consumer's is tolerant, so that a producer may add fields without breaking it.
        self._unknown: Literal['exclude', 'raise'] = EXCLUDE if tolerant else RAISE
        self._schemas: dict[tuple[str, int], Schema] = {}
        self._upcasters: dict[tuple[str, int], Upcaster] = {}
        self._latest: dict[str, int] = {}
        self._classes: dict[str, type[Event]] = {}

    def register_event(self, event_class: type[Event], schema: Schema) -> None:
        """Register the current version of a domain event class and its schema."""
        self.register(event_class.event_type, event_class.event_version, schema)
        self._classes[event_class.event_type] = event_class

    def register(self, event_type: str, version: int, schema: Schema) -> None:
        self._schemas[(event_type, version)] = schema
        self._latest[event_type] = max(version, self._latest.get(event_type, 0))

    def upcaster(self, event_type: str, from_version: int) -> Callable[[Upcaster], Upcaster]:
        """Decorator: register the step from `from_version` to `from_version + 1`."""

        def decorate(function: Upcaster) -> Upcaster:
            self._upcasters[(event_type, from_version)] = function
            return function

        return decorate

    def latest_version(self, event_type: str) -> int:
        try:
            return self._latest[event_type]
        except KeyError:
            raise UnknownEventType(event_type) from None

    # Read-only views of what is registered: the contracts tool (shomei_devtools.contracts)
    # writes each schema out as data and checks every older version still upcasts.
    @property
    def event_types(self) -> frozenset[str]:
        return frozenset(self._latest)

    def versions(self, event_type: str) -> tuple[int, ...]:
        """The versions of `event_type` with a schema here, oldest first."""
        return tuple(sorted(v for (t, v) in self._schemas if t == event_type))

    def schema(self, event_type: str, version: int) -> Schema:
        return self._schema(event_type, version)

    def event_class(self, event_type: str) -> type[Event] | None:
        return self._classes.get(event_type)

    def validate(self, event_type: str, version: int, payload: dict[str, Any]) -> dict[str, Any]:
        """The payload as the schema dumps it (JSON-ready); raises InvalidEvent."""
        schema = self._schema(event_type, version)
        dumped: dict[str, Any] = schema.dump(self._load(schema, event_type, version, payload))
        return dumped

    def _load(self, schema: Schema, event_type: str, version: int, payload: dict[str, Any]) -> dict[str, Any]:
        try:
            loaded: dict[str, Any] = schema.load(payload, unknown=self._unknown)
        except ValidationError as error:
            raise InvalidEvent(event_type, version, error.messages) from None
        return loaded

    def load(self, envelope: Envelope) -> Envelope:
        """The envelope upcast to the newest version of its type, its payload as the schema
        loads it (typed values; unknown fields dropped by a tolerant registry)."""
        current = self.read(envelope)
        schema = self._schema(current.type, current.version)
        return replace(current, payload=self._load(schema, current.type, current.version, current.payload))

    def read(self, envelope: Envelope) -> Envelope:
        """The envelope upcast to the newest version of its type, validated."""
        latest = self.latest_version(envelope.type)
        payload, version = dict(envelope.payload), envelope.version
        while version < latest:
            step = self._upcasters.get((envelope.type, version))
            if step is None:
                raise UnknownEventType(f"no upcaster for {envelope.type} v{version}")
            payload, version = step(payload), version + 1
        self.validate(envelope.type, version, payload)
        return replace(envelope, version=version, payload=payload)

    def to_event(self, envelope: Envelope) -> Event:
        """The domain event an envelope carries, upcast to the current version."""
        current = self.read(envelope)
        event_class = self._classes.get(current.type)
        if event_class is None or event_class.event_version != current.version:
            raise UnknownEventType(f"no event class for {current.type} v{current.version}")
        loaded = self._schema(current.type, current.version).load(current.payload)
        return event_class(**loaded)

    def _schema(self, event_type: str, version: int) -> Schema:
        try:
            return self._schemas[(event_type, version)]
        except KeyError:
            raise UnknownEventType(f"{event_type} v{version}") from None
