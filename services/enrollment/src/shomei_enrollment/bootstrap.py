"""The one place that chooses the real adapters (or the ones a test passes in) and builds the
service from its handlers."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine

from shomei_enrollment.adapters import tables
from shomei_enrollment.adapters.academic_record_repository import SqlAcademicRecordRepository
from shomei_enrollment.adapters.alumni_repository import SqlAlumniRepository
from shomei_enrollment.adapters.application_repository import SqlApplicationRepository
from shomei_enrollment.adapters.catalogue_repository import SqlCatalogueRepository
from shomei_enrollment.adapters.event_schemas import enrollment_registry, heard_events
from shomei_enrollment.adapters.graduate_repository import SqlGraduateRepository
from shomei_enrollment.adapters.holidays import is_japanese_holiday
from shomei_enrollment.adapters.images import clean_image
from shomei_enrollment.adapters.resubmission_link_repository import SqlResubmissionLinks
from shomei_enrollment.adapters.tenant_repository import SqlTenantRepository
from shomei_enrollment.service_layer.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from shomei_enrollment.service_layer.ports import Dependencies, EnrollmentUnitOfWork
from shomei_enrollment.settings import EnrollmentSettings
from shomei_shared.clock import Clock, SystemClock
from shomei_shared.sealing import Sealer, SqlSecretVault, key_ring
from shomei_shared.service import Service, build_service
from shomei_shared.uow import SqlUnitOfWork

NAME = "enrollment"


def real_dependencies(settings: EnrollmentSettings, clock: Clock | None = None,
                      is_holiday: Callable[[date], bool] = is_japanese_holiday) -> Dependencies:
    return Dependencies(clock=clock or SystemClock(), is_holiday=is_holiday, clean_image=clean_image,
                        new_id=lambda: str(uuid.uuid4()), public_base_url=settings.public_base_url)


class SqlEnrollmentUnitOfWork(SqlUnitOfWork, EnrollmentUnitOfWork):
    """The shared unit of work, typed as the port the handlers use."""


def repositories(sealer: Sealer) -> Callable[[Connection], Mapping[str, Any]]:
    def on(connection: Connection) -> Mapping[str, Any]:
        return {"catalogues": SqlCatalogueRepository(connection), "alumni": SqlAlumniRepository(connection),
                "academic_records": SqlAcademicRecordRepository(connection),
                "applications": SqlApplicationRepository(connection),
                "graduates": SqlGraduateRepository(connection), "tenants": SqlTenantRepository(connection),
                "resubmission_links": SqlResubmissionLinks(connection),
                "secrets": SqlSecretVault(connection, sealer, tables.sealed_secrets)}

    return on


def bootstrap(engine: Engine, settings: EnrollmentSettings, deps: Dependencies | None = None,
              ) -> Service[EnrollmentUnitOfWork]:
    registry = enrollment_registry()
    on_connection = repositories(key_ring(settings.secret_seal_key))

    def unit_of_work(connection: Connection | None) -> EnrollmentUnitOfWork:
        return SqlEnrollmentUnitOfWork(registry, on_connection, engine=engine if connection is None else None,
                                       connection=connection)

    return build_service(NAME, unit_of_work=unit_of_work, commands=COMMAND_HANDLERS, events=EVENT_HANDLERS,
                         dependencies={"deps": deps or real_dependencies(settings)}, heard=heard_events())
