"""The one place that chooses the real adapters (or the ones a test passes in) and builds the
service from its handlers."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Engine

from shomei_print_gateway.adapters.event_schemas import heard_events, make_registry
from shomei_print_gateway.adapters.item_repository import SqlItemRepository
from shomei_print_gateway.adapters.verification_repository import SqlVerificationRepository
from shomei_print_gateway.domain.verification import Retention
from shomei_print_gateway.service_layer.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from shomei_print_gateway.service_layer.ports import Dependencies, PrintGatewayUnitOfWork
from shomei_shared.clock import Clock, SystemClock
from shomei_shared.service import Service, build_service
from shomei_shared.uow import SqlUnitOfWork

NAME = "print-gateway"


def real_dependencies(clock: Clock | None = None, retention: Retention | None = None) -> Dependencies:
    return Dependencies(clock=clock or SystemClock(), new_id=lambda: str(uuid.uuid4()),
                        retention=retention or Retention())


class SqlPrintGatewayUnitOfWork(SqlUnitOfWork, PrintGatewayUnitOfWork):
    """The shared unit of work, typed as the port the handlers use."""


def repositories(connection: Connection) -> Mapping[str, Any]:
    return {"items": SqlItemRepository(connection), "verifications": SqlVerificationRepository(connection)}


def bootstrap(engine: Engine, deps: Dependencies | None = None) -> Service[PrintGatewayUnitOfWork]:
    registry = make_registry()

    def unit_of_work(connection: Connection | None) -> PrintGatewayUnitOfWork:
        return SqlPrintGatewayUnitOfWork(registry, repositories, engine=engine if connection is None else None,
                                     connection=connection)

    return build_service(NAME, unit_of_work=unit_of_work, commands=COMMAND_HANDLERS, events=EVENT_HANDLERS,
                         dependencies={"deps": deps or real_dependencies()}, heard=heard_events())
