"""The one place that chooses the real adapters (or the ones a test passes in) and wires them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine

from shomei_enrollment.adapters.event_schemas import enrollment_registry
from shomei_enrollment.adapters.holidays import is_japanese_holiday
from shomei_enrollment.adapters.images import clean_image
from shomei_enrollment.adapters.unit_of_work import SqlEnrollmentUnitOfWork
from shomei_enrollment.service_layer import alumni_import, commands, decisions, graduates, submission, tenant_profiles
from shomei_enrollment.service_layer.ports import Dependencies, EnrollmentUnitOfWork
from shomei_shared.messagebus import MessageBus
from shomei_shared.messages import Command
from shomei_shared.messaging.registry import EventRegistry


def _utc_now() -> datetime:
    return datetime.now(UTC)


def real_dependencies(clock: Callable[[], datetime] = _utc_now,
                      is_holiday: Callable[[date], bool] = is_japanese_holiday) -> Dependencies:
    return Dependencies(clock=clock, is_holiday=is_holiday, clean_image=clean_image,
                        new_id=lambda: str(uuid.uuid4()))


@dataclass
class Enrollment:
    """What entrypoints use: a fresh unit of work and a bus per request, the same dependencies."""

    engine: Engine
    registry: EventRegistry
    deps: Dependencies

    def uow(self) -> EnrollmentUnitOfWork:
        return SqlEnrollmentUnitOfWork(self.registry, engine=self.engine)

    def uow_on(self, connection: Connection) -> EnrollmentUnitOfWork:
        return SqlEnrollmentUnitOfWork(self.registry, connection=connection)

    def handle(self, command: Command) -> Any:
        uow = self.uow()
        deps = self.deps

        def bind(handler: Callable[[Any, EnrollmentUnitOfWork, Dependencies], Any]) -> Callable[[Any, Any], Any]:
            return lambda message, unit: handler(message, unit, deps)

        bus = MessageBus(uow, event_handlers={}, command_handlers={
            commands.SubmitApplication: bind(submission.submit_application),
            commands.RequestStudentNumberLink: bind(submission.request_student_number_link),
            commands.ResubmitApplication: bind(submission.resubmit_application),
            commands.DecideApplication: bind(decisions.decide_application),
            commands.ImportAlumniRecords: bind(alumni_import.import_alumni_records),
            commands.ChangeProfile: bind(graduates.change_profile),
            commands.ChangeTenantProfile: bind(tenant_profiles.change_tenant_profile),
        })
        return bus.handle(command)


def bootstrap(engine: Engine, deps: Dependencies | None = None) -> Enrollment:
    return Enrollment(engine=engine, registry=enrollment_registry(), deps=deps or real_dependencies())
