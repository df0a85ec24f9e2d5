"""The one place that chooses real or fake adapters and wires them to the handlers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine

from shomei_identity.adapters.clock import SystemClock
from shomei_identity.adapters.event_schemas import make_registry
from shomei_identity.adapters.hashing import Argon2Hasher
from shomei_identity.adapters.memory import MemoryState, MemoryUnitOfWork
from shomei_identity.adapters.sealing import FernetSealer, seal_key
from shomei_identity.adapters.totp import PyotpTotp
from shomei_identity.adapters.unit_of_work import PostgresUnitOfWork
from shomei_identity.service_layer.handlers import handlers_for
from shomei_identity.service_layer.ports import Clock, Dependencies, IdentityUnitOfWork, PasswordHasher
from shomei_identity.settings import IdentitySettings
from shomei_shared.eventstore.memory import InMemoryEventStore
from shomei_shared.messagebus import MessageBus
from shomei_shared.messages import Command
from shomei_shared.messaging.registry import EventRegistry


@dataclass
class Identity:
    """Runs commands: a fresh unit of work (and bus) per call, so concurrent requests never share one."""

    deps: Dependencies
    registry: EventRegistry
    engine: Engine | None = None
    memory: tuple[MemoryState, InMemoryEventStore] | None = None

    def handle(self, command: Command, connection: Connection | None = None) -> Any:
        bus = MessageBus(self._unit_of_work(connection), handlers_for(self.deps), {})
        return bus.handle(command)

    def _unit_of_work(self, connection: Connection | None) -> IdentityUnitOfWork:
        if self.memory is not None:
            return MemoryUnitOfWork(self.registry, self.deps.sealer, *self.memory)
        if connection is not None:
            return PostgresUnitOfWork(self.registry, self.deps.sealer, connection=connection)
        return PostgresUnitOfWork(self.registry, self.deps.sealer, engine=self.engine)


def dependencies(settings: IdentitySettings, *, clock: Clock | None = None,
                 hasher: PasswordHasher | None = None) -> Dependencies:
    return Dependencies(clock=clock or SystemClock(), hasher=hasher or Argon2Hasher(),
                        sealer=FernetSealer(seal_key(settings.secret_seal_key, settings.environment)),
                        totp=PyotpTotp(), public_base_url=settings.public_base_url)


def bootstrap(settings: IdentitySettings, engine: Engine, *, clock: Clock | None = None) -> Identity:
    return Identity(dependencies(settings, clock=clock), make_registry(), engine=engine)


def bootstrap_in_memory(settings: IdentitySettings, *, clock: Clock | None = None,
                        hasher: PasswordHasher | None = None) -> Identity:
    """For service-layer tests: the same handlers over in-memory fakes."""
    return Identity(dependencies(settings, clock=clock, hasher=hasher), make_registry(),
                    memory=(MemoryState(), InMemoryEventStore()))
