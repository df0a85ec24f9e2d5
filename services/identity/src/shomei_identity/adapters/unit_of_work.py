"""The unit of work on PostgreSQL: events and identity's tables in one transaction.

Given an engine it owns its transaction (web requests); given a connection it works inside the
caller's transaction through a savepoint (the idempotent consumer's ledger transaction), so the
ledger row and the effects still commit together.
"""

from __future__ import annotations

from typing import Self

from sqlalchemy import Connection, Engine, NestedTransaction, RootTransaction

from shomei_identity.adapters.postgres_repositories import (
    PostgresAccounts,
    PostgresGuards,
    PostgresSecretVault,
    PostgresSessions,
    PostgresStaff,
    PostgresTokens,
)
from shomei_identity.service_layer.ports import IdentityUnitOfWork, Sealer
from shomei_shared.eventstore.postgres import PostgresEventStore
from shomei_shared.messaging.registry import EventRegistry


class PostgresUnitOfWork(IdentityUnitOfWork):
    def __init__(self, registry: EventRegistry, sealer: Sealer, *, engine: Engine | None = None,
                 connection: Connection | None = None) -> None:
        super().__init__(registry)
        if (engine is None) == (connection is None):
            raise ValueError("give either an engine or a connection")
        self._engine, self._external, self._sealer = engine, connection, sealer

    def __enter__(self) -> Self:
        if self._external is not None:
            self._connection = self._external
            self._transaction: RootTransaction | NestedTransaction = self._connection.begin_nested()
        else:
            assert self._engine is not None
            self._connection = self._engine.connect()
            self._transaction = self._connection.begin()
        c = self._connection
        self.events = PostgresEventStore(c)
        self.accounts = PostgresAccounts(c)
        self.guards = PostgresGuards(c)
        self.tokens = PostgresTokens(c)
        self.secrets = PostgresSecretVault(c, self._sealer)
        self.sessions = PostgresSessions(c)
        self.staff = PostgresStaff(c)
        return super().__enter__()

    def __exit__(self, *exc: object) -> None:
        super().__exit__(*exc)
        if self._external is None:
            self._connection.close()

    def _commit(self) -> None:
        self._transaction.commit()

    def rollback(self) -> None:
        if self._transaction.is_active:
            self._transaction.rollback()
