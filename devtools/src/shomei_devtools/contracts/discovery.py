"""Who publishes and who hears which events, found by convention in each service's code.

A service under services/<name>/ (package `shomei_<name>`) takes part through its module
`shomei_<name>.adapters.event_schemas`:
- the producer: the module's one function returning an `EventRegistry` (identity's
  `make_registry()`, enrollment's `enrollment_registry()`), holding the schema of every
  version it publishes and the upcasters between them;
- the consumer: its `heard_events()`, returning the `EventReader` of what it hears.
An event's topic is its aggregate's: the `Aggregate` in `shomei_<name>.domain` whose
`apply_<EventClass>` folds it. A new service that follows the convention is covered with no
edit here; one without that module (gateway, admin) is neither.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import pkgutil
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from shomei_devtools.config import service_names
from shomei_shared.messages import Aggregate
from shomei_shared.messaging.reader import EventReader
from shomei_shared.messaging.registry import EventRegistry

HEARD = "heard_events"


class ConventionError(LookupError):
    pass


@dataclass(frozen=True)
class Producer:
    service: str
    registry: EventRegistry
    topics: dict[str, str] = field(default_factory=dict)  # event type -> topic

    def topic(self, event_type: str) -> str:
        try:
            return self.topics[event_type]
        except KeyError:
            raise ConventionError(f"{self.service} publishes {event_type}, but no Aggregate in "
                                  f"shomei_{self.service}.domain applies it: its topic is unknown") from None


@dataclass(frozen=True)
class Consumer:
    service: str
    reader: EventReader


@dataclass(frozen=True)
class Services:
    producers: list[Producer]
    consumers: list[Consumer]


def discover(root: Path | None = None) -> Services:
    producers, consumers = [], []
    for service in service_names(root):
        package = f"shomei_{service.replace('-', '_')}"
        module = _optional_module(f"{package}.adapters.event_schemas")
        if module is None:
            continue
        publish = _registry_function(module)
        if publish is not None:
            registry = publish()
            producers.append(Producer(service, registry, _topics(package, registry)))
        heard = getattr(module, HEARD, None)
        if heard is not None:
            consumers.append(Consumer(service, heard()))
    return Services(producers, consumers)


def _optional_module(name: str) -> ModuleType | None:
    # Each parent is looked up first: find_spec of a child of a missing package raises.
    parts = name.split(".")
    for depth in range(1, len(parts) + 1):
        if importlib.util.find_spec(".".join(parts[:depth])) is None:
            return None
    return importlib.import_module(name)


def _registry_function(module: ModuleType) -> Callable[[], EventRegistry] | None:
    found = [function for _, function in inspect.getmembers(module, inspect.isfunction)
             if function.__module__ == module.__name__
             and typing.get_type_hints(function).get("return") is EventRegistry]
    if len(found) > 1:
        names = ", ".join(f.__name__ for f in found)
        raise ConventionError(f"{module.__name__} has several functions returning EventRegistry ({names}): "
                              "the producer's registry must be one")
    return found[0] if found else None


def _topics(package: str, registry: EventRegistry) -> dict[str, str]:
    """Event type -> topic, through the aggregates that apply the registered event classes."""
    domain = importlib.import_module(f"{package}.domain")
    for info in pkgutil.walk_packages(domain.__path__, f"{domain.__name__}."):
        importlib.import_module(info.name)
    by_class: dict[str, str] = {}
    for aggregate in _subclasses(Aggregate):
        if not aggregate.__module__.startswith(f"{package}.") or not aggregate.topic:
            continue
        for name in dir(aggregate):
            if name.startswith("apply_"):
                event_name = name.removeprefix("apply_")
                if by_class.setdefault(event_name, aggregate.topic) != aggregate.topic:
                    raise ConventionError(f"{event_name} is applied on two topics: {by_class[event_name]} "
                                          f"and {aggregate.topic}")
    topics = {}
    for event_type in registry.event_types:
        event_class = registry.event_class(event_type)
        if event_class is not None and event_class.__name__ in by_class:
            topics[event_type] = by_class[event_class.__name__]
    return topics


def _subclasses(cls: type[Aggregate]) -> list[type[Aggregate]]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found
