"""print-gateway served on real PostgreSQL as the console reaches it (its own credential, a staff
member's assertion), for the console's contract tests in tests/integration."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import Engine

from shomei_devtools.browser import served
from shomei_devtools.trust import session_trust
from shomei_print_gateway.entrypoints.migrate import MIGRATIONS
from shomei_print_gateway.entrypoints.web import create_app
from shomei_print_gateway.service_layer.ports import PrintGatewayUnitOfWork
from shomei_print_gateway.settings import PrintGatewaySettings
from shomei_shared.clock import FakeClock
from shomei_shared.db import make_engine, migrate
from shomei_shared.service import Service
from shomei_shared.web.assertions import Actor
from shomei_shared.web.client import InternalClient

Served = tuple[InternalClient, Service[PrintGatewayUnitOfWork], Engine, FakeClock]


@contextmanager
def served_for_staff(new_database: Callable[[str], str], now: datetime,
                     build: Callable[[Engine, FakeClock], Service[PrintGatewayUnitOfWork]],
                     acting: Callable[[], tuple[str, str, tuple[str, ...]]]) -> Iterator[Served]:
    """(the console's client, the service, its engine, its clock); `acting()` is the staff member
    the calls are for: (tenant, staff id, roles)."""
    url = new_database("print_gateway")
    migrate(url, MIGRATIONS)
    engine = make_engine(url, pool_size=4)
    clock = FakeClock(now)
    service = build(engine, clock)
    settings = PrintGatewaySettings(environment="test", database_url=url, **session_trust().settings("print-gateway"))
    try:
        with served(create_app(settings, service, engine, clock)) as base:

            def assertion() -> str:
                tenant, staff_id, roles = acting()
                return str(session_trust().assertion(Actor(tenant, staff_id, "staff", roles)))

            client = InternalClient(base, session_trust().credential("admin"), assertion=assertion)
            yield client, service, engine, clock
    finally:
        engine.dispose()
