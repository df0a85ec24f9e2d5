"""ordering on real PostgreSQL: its migrations, the demo catalogues, a clock tests move, and its
web app called as the gateway (for a graduate) and the console (for staff) call it."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Engine, text

from shomei_devtools.trust import session_trust
from shomei_ordering.bootstrap import bootstrap
from shomei_ordering.entrypoints.migrate import MIGRATIONS
from shomei_ordering.entrypoints.seed_demo import seed
from shomei_ordering.entrypoints.web import create_app
from shomei_ordering.service_layer.ports import Dependencies, OrderingUnitOfWork
from shomei_ordering.settings import OrderingSettings
from shomei_shared.clock import FakeClock
from shomei_shared.db import make_engine, migrate
from shomei_shared.service import Service
from shomei_shared.web.assertions import Actor

START = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)  # 2026-04-01 10:00 JST


def graduate(account_id: str = "account-1", tenant: str = "demo-univ") -> dict[str, str]:
    """The gateway calling for a signed-in graduate."""
    return session_trust().headers("gateway", Actor(tenant, account_id, "graduate"))


def staff(tenant: str = "demo-univ", roles: tuple[str, ...] = ("registrar",), staff_id: str = "staff-1"
          ) -> dict[str, str]:
    return session_trust().headers("admin", Actor(tenant, staff_id, "staff", roles))


def order_body(**changes: Any) -> dict[str, Any]:
    return {"idempotency_key": uuid.uuid4().hex, "student_number": "L08001", "enrollment_status": "卒業",
            "programme": "学部", "print_channel": "netprint", "payment_method": "smartpit",
            "lines": [{"type": "graduation", "copies": 2}, {"type": "transcript", "copies": 1}], **changes}


def events(engine: Engine, aggregate_id: str) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT type, payload FROM events WHERE aggregate_id = :a ORDER BY aggregate_version"),
                            {"a": aggregate_id}).mappings()
        return [dict(row) for row in rows]


@pytest.fixture
def db_url(new_database: Callable[[str], str]) -> str:
    url = new_database("ordering")
    migrate(url, MIGRATIONS)
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url, pool_size=6)
    seed(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def service(engine: Engine, clock: FakeClock) -> Service[OrderingUnitOfWork]:
    return bootstrap(engine, Dependencies(clock=clock, new_id=lambda: str(uuid.uuid4())))


@pytest.fixture
def app(db_url: str, engine: Engine, service: Service[OrderingUnitOfWork]) -> Flask:
    settings = OrderingSettings(environment="test", database_url=db_url, **session_trust().settings("ordering"))
    return create_app(settings, service, engine)
