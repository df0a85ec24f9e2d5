"""The one place that chooses the real adapters (or the ones a test passes in) and builds the
service from its handlers."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Engine

from shomei_payment.adapters.event_schemas import heard_events, make_registry
from shomei_payment.adapters.payment_repository import SqlPaymentRepository
from shomei_payment.service_layer.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from shomei_payment.service_layer.ports import Dependencies, PaymentUnitOfWork, PayPal, SmartPit
from shomei_shared.clock import Clock, SystemClock
from shomei_shared.service import Service, build_service
from shomei_shared.uow import SqlUnitOfWork

NAME = "payment"


def real_dependencies(clock: Clock | None = None) -> Dependencies:
    return Dependencies(clock=clock or SystemClock(), new_id=lambda: str(uuid.uuid4()))


class SqlPaymentUnitOfWork(SqlUnitOfWork, PaymentUnitOfWork):
    """The shared unit of work, typed as the port the handlers use."""


def repositories(connection: Connection) -> Mapping[str, Any]:
    return {"payments": SqlPaymentRepository(connection)}


def bootstrap(engine: Engine, paypal: PayPal, smartpit: SmartPit,
              deps: Dependencies | None = None) -> Service[PaymentUnitOfWork]:
    registry = make_registry()

    def unit_of_work(connection: Connection | None) -> PaymentUnitOfWork:
        return SqlPaymentUnitOfWork(registry, repositories, engine=engine if connection is None else None,
                                     connection=connection)

    return build_service(NAME, unit_of_work=unit_of_work, commands=COMMAND_HANDLERS, events=EVENT_HANDLERS,
                         dependencies={"deps": deps or real_dependencies(), "paypal": paypal, "smartpit": smartpit},
                         heard=heard_events())
