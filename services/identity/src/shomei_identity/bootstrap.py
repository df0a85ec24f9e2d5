"""The one place that chooses real or fake adapters and builds the service from its handlers."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Engine

from shomei_identity.adapters import tables
from shomei_identity.adapters.event_schemas import heard_events, make_registry
from shomei_identity.adapters.hashing import Argon2Hasher
from shomei_identity.adapters.memory import MemoryState, MemoryUnitOfWork
from shomei_identity.adapters.postgres_repositories import (
    PostgresAccounts,
    PostgresDevices,
    PostgresGuards,
    PostgresSessions,
    PostgresStaff,
    PostgresTokens,
)
from shomei_identity.adapters.totp import PyotpTotp
from shomei_identity.service_layer.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from shomei_identity.service_layer.ports import Dependencies, IdentityUnitOfWork, PasswordHasher, Sealer
from shomei_identity.settings import IdentitySettings
from shomei_shared.clock import Clock, SystemClock
from shomei_shared.eventstore.memory import InMemoryEventStore
from shomei_shared.sealing import SqlSecretVault, key_ring
from shomei_shared.service import Service, build_service
from shomei_shared.uow import SqlUnitOfWork

NAME = "identity"


def dependencies(settings: IdentitySettings, *, clock: Clock | None = None,
                 hasher: PasswordHasher | None = None) -> Dependencies:
    hasher = hasher or Argon2Hasher()
    return Dependencies(clock=clock or SystemClock(), hasher=hasher,
                        sealer=key_ring(settings.secret_seal_key),
                        totp=PyotpTotp(), public_base_url=settings.public_base_url,
                        dummy_hash=hasher.hash(secrets.token_urlsafe(32)))


class SqlIdentityUnitOfWork(SqlUnitOfWork, IdentityUnitOfWork):
    """The shared unit of work, typed as the port the handlers use."""


def repositories(sealer: Sealer) -> Any:
    def on(connection: Connection) -> Mapping[str, Any]:
        return {"accounts": PostgresAccounts(connection), "guards": PostgresGuards(connection),
                "devices": PostgresDevices(connection),
                "tokens": PostgresTokens(connection),
                "secrets": SqlSecretVault(connection, sealer, tables.sealed_secrets),
                "sessions": PostgresSessions(connection), "staff": PostgresStaff(connection)}

    return on


def bootstrap(settings: IdentitySettings, engine: Engine, *, clock: Clock | None = None) -> Service[IdentityUnitOfWork]:
    deps = dependencies(settings, clock=clock)
    registry = make_registry()

    def unit_of_work(connection: Connection | None) -> IdentityUnitOfWork:
        return SqlIdentityUnitOfWork(registry, repositories(deps.sealer),
                             engine=engine if connection is None else None, connection=connection)

    return build_service(NAME, unit_of_work=unit_of_work, commands=COMMAND_HANDLERS, events=EVENT_HANDLERS,
                         dependencies={"deps": deps}, heard=heard_events())


def bootstrap_in_memory(settings: IdentitySettings, *, clock: Clock | None = None,
                        hasher: PasswordHasher | None = None) -> Service[IdentityUnitOfWork]:
    """For service-layer tests: the same handlers over in-memory fakes (`service.fakes`)."""
    deps = dependencies(settings, clock=clock, hasher=hasher)
    registry, state, store = make_registry(), MemoryState(), InMemoryEventStore()

    def unit_of_work(_connection: Connection | None) -> IdentityUnitOfWork:
        return MemoryUnitOfWork(registry, deps.sealer, state, store)

    return build_service(NAME, unit_of_work=unit_of_work, commands=COMMAND_HANDLERS, events=EVENT_HANDLERS,
                         dependencies={"deps": deps}, heard=heard_events(), fakes=(state, store))
