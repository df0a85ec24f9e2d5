"""The one place that chooses the real adapters (or the ones a test passes in) and builds the
service from its handlers."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, Engine

from shomei_print_gateway.adapters.academic_records import HttpAcademicRecords
from shomei_print_gateway.adapters.event_schemas import heard_events, make_registry
from shomei_print_gateway.adapters.order_locks import PgOrderLocks
from shomei_print_gateway.adapters.pdf_pages import PdfPages
from shomei_print_gateway.adapters.rendering import PdfRenderer
from shomei_print_gateway.adapters.repositories import (
    SqlCertificateRepository,
    SqlPrintOrderRepository,
    SqlSubmissionRepository,
)
from shomei_print_gateway.adapters.store_print import Netprint, SharpPrint
from shomei_print_gateway.adapters.verification_repository import SqlVerificationRepository
from shomei_print_gateway.domain.verification import Retention
from shomei_print_gateway.service_layer.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from shomei_print_gateway.service_layer.ports import (
    AcademicRecords,
    CertificateRenderer,
    Dependencies,
    PrintGatewayUnitOfWork,
    StorePrint,
)
from shomei_print_gateway.service_layer.submitting import CRASH_POINTS
from shomei_print_gateway.settings import PrintGatewaySettings
from shomei_shared.clock import Clock, SystemClock
from shomei_shared.crash_points import CrashPoints
from shomei_shared.service import Service, build_service
from shomei_shared.uow import SqlUnitOfWork
from shomei_shared.web.client import InternalClient

NAME = "print-gateway"


def real_dependencies(clock: Clock | None = None, settings: PrintGatewaySettings | None = None,
                      retention: Retention | None = None) -> Dependencies:
    settings = settings or PrintGatewaySettings(environment="development")
    base = settings.public_base_url.rstrip("/")
    return Dependencies(
        clock=clock or SystemClock(), new_id=lambda: str(uuid.uuid4()),
        verification_url=lambda tenant, code: f"{base}/{tenant}/verify/{code}",
        retry_first=timedelta(seconds=settings.retry_first_s), retry_most=timedelta(seconds=settings.retry_most_s),
        give_up_after=timedelta(seconds=settings.give_up_after_s), lease=timedelta(seconds=settings.submit_lease_s),
        crash_points=CrashPoints.from_env(settings, CRASH_POINTS),
        retention=retention or settings.retention())


def real_providers(settings: PrintGatewaySettings) -> dict[str, StorePrint]:
    return {"netprint": Netprint(settings.netprint_url, settings.netprint_api_key),
            "sharpprint": SharpPrint(settings.sharpprint_url, settings.sharpprint_username,
                                     settings.sharpprint_password)}


def real_records(settings: PrintGatewaySettings) -> AcademicRecords:
    # No person acts: the jobs process issues on the order's behalf with the service's own credential.
    return HttpAcademicRecords(InternalClient(settings.enrollment_url, settings.credential, assertion=lambda: None))


class SqlPrintGatewayUnitOfWork(SqlUnitOfWork, PrintGatewayUnitOfWork):
    """The shared unit of work, typed as the port the handlers use."""


def repositories(connection: Connection) -> Mapping[str, Any]:
    return {"print_orders": SqlPrintOrderRepository(connection),
            "certificates": SqlCertificateRepository(connection),
            "submissions": SqlSubmissionRepository(connection),
            "verifications": SqlVerificationRepository(connection)}


def bootstrap(engine: Engine, deps: Dependencies | None = None, *, settings: PrintGatewaySettings | None = None,
              records: AcademicRecords | None = None, renderer: CertificateRenderer | None = None,
              providers: dict[str, StorePrint] | None = None) -> Service[PrintGatewayUnitOfWork]:
    """Real adapters from `settings` for whatever a test does not pass in."""
    registry = make_registry()
    settings = settings or PrintGatewaySettings(environment="development")

    def unit_of_work(connection: Connection | None) -> PrintGatewayUnitOfWork:
        return SqlPrintGatewayUnitOfWork(registry, repositories, engine=engine if connection is None else None,
                                         connection=connection)

    return build_service(NAME, unit_of_work=unit_of_work, commands=COMMAND_HANDLERS, events=EVENT_HANDLERS,
                         dependencies={"deps": deps or real_dependencies(settings=settings),
                                       "records": records or real_records(settings),
                                       "renderer": renderer or PdfRenderer(), "pdf_pages": PdfPages(),
                                       "locks": PgOrderLocks(engine),
                                       "providers": providers or real_providers(settings)},
                         heard=heard_events())
