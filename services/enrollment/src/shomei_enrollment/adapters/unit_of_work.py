"""The unit of work on PostgreSQL: repositories and the event store on one connection, so state
and events commit together."""

from __future__ import annotations

from typing import Self

from sqlalchemy import Connection, Engine

from shomei_enrollment.adapters.alumni_repository import SqlAlumniRepository
from shomei_enrollment.adapters.application_repository import SqlApplicationRepository
from shomei_enrollment.adapters.catalogue_repository import SqlCatalogueRepository
from shomei_enrollment.adapters.graduate_repository import SqlGraduateRepository
from shomei_enrollment.adapters.tenant_repository import SqlTenantRepository
from shomei_enrollment.service_layer.ports import EnrollmentUnitOfWork
from shomei_shared.eventstore.postgres import PostgresEventStore
from shomei_shared.messaging.registry import EventRegistry


class SqlEnrollmentUnitOfWork(EnrollmentUnitOfWork):
    """Opens its own transaction per `with` block; or, given a connection (a consumer's), works
    inside the caller's transaction and leaves committing to the caller."""

    def __init__(self, registry: EventRegistry, engine: Engine | None = None,
                 connection: Connection | None = None) -> None:
        super().__init__(registry)
        if (engine is None) == (connection is None):
            raise ValueError("give either an engine or a connection")
        self._engine, self._outer = engine, connection
        self._connection: Connection | None = None

    def __enter__(self) -> Self:
        if self._outer is not None:
            connection = self._outer
        else:
            assert self._engine is not None
            connection = self._connection = self._engine.connect()
            connection.begin()
        self.events = PostgresEventStore(connection)
        self.catalogues = SqlCatalogueRepository(connection)
        self.alumni = SqlAlumniRepository(connection)
        self.applications = SqlApplicationRepository(connection)
        self.graduates = SqlGraduateRepository(connection)
        self.tenants = SqlTenantRepository(connection)
        return super().__enter__()

    def __exit__(self, *exc: object) -> None:
        super().__exit__(*exc)
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _commit(self) -> None:
        if self._connection is not None:
            self._connection.commit()

    def rollback(self) -> None:
        if self._connection is not None:
            self._connection.rollback()
