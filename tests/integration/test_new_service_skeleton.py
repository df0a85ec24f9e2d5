"""A service generated from the skeleton (docs/new-service.md) works with no wiring by hand: its
frozen migrations build, through the shared runner, exactly the schema its models describe, and
its web app answers health checks, stores its example command's event with the request as its
cause, and words a refused body from its own catalogue.

The service is generated into a temporary folder (never services/), imported from there, and
forgotten afterwards; devtools/tests/test_new_service.py runs ruff and its own unit tests on it.
"""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from unittest import mock

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, pool, text
from sqlalchemy.dialects.postgresql.base import PGDialect

from shomei_devtools.new_service.__main__ import main as new_service
from shomei_devtools.trust import session_trust
from shomei_shared.db import make_engine
from shomei_shared.eventstore.tables import metadata as machinery_metadata
from shomei_shared.eventstore.types import Xid8
from shomei_shared.migrate import main as migrate_main
from shomei_shared.web.assertions import Actor

NAME = "sample-skeleton"
PACKAGE = "shomei_sample_skeleton"
REGISTRAR = Actor("demo-univ", "staff-1", "staff", ("registrar",))
OTHER_TENANT = Actor("other-univ", "staff-9", "staff", ("registrar",))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    into = tmp_path_factory.mktemp("skeleton")
    assert new_service([NAME, "--into", str(into)]) == 0
    src = str(into / NAME / "src")
    sys.path.insert(0, src)
    try:
        yield into / NAME
    finally:
        sys.path.remove(src)
        for module in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
            del sys.modules[module]
        shutil.rmtree(into)


def module(name: str) -> ModuleType:
    return importlib.import_module(f"{PACKAGE}.{name}")


@pytest.fixture
def database(generated: Path, new_database: Callable[[str], str]) -> str:
    url = new_database("skeleton")
    migrate_main([url, str(generated / "migrations")])  # what every process of the service runs at start
    return url


def test_its_migrations_build_exactly_what_its_models_describe(database: str) -> None:
    engine = create_engine(database, poolclass=pool.NullPool)
    # As in test_migrations_do_not_drift: xid8 taught to the reflection, defaults compared too.
    with engine.connect() as connection, mock.patch.dict(PGDialect.ischema_names, {"xid8": Xid8}):
        context = MigrationContext.configure(connection, opts={"compare_type": True, "compare_server_default": True})
        target: Any = [module("adapters.tables").metadata, machinery_metadata]
        differences = compare_metadata(context, target)
    engine.dispose()
    assert differences == []


@pytest.fixture
def client(database: str) -> Iterator[Any]:
    settings = module("settings").SampleSkeletonSettings(environment="test", database_url=database,
                                                         **session_trust().settings("sample-skeleton"))
    engine = make_engine(database)
    try:
        yield module("entrypoints.web").create_app(settings, engine=engine).test_client()
    finally:
        engine.dispose()


def test_it_answers_health_checks(client: Any) -> None:
    assert client.get("/healthz").status_code == 200
    anonymous = client.get("/readyz")  # the kubelet's probe: a bare yes or no (ADR 0040)
    assert (anonymous.status_code, anonymous.json) == (200, {"status": "ok"})
    monitor = client.get("/readyz", headers=session_trust().headers("monitor"))
    assert (monitor.status_code, monitor.json["checks"]) == (200, {"database": "ok"})
    assert client.get("/readyz", headers={"Authorization": "Bearer monitor.wrong"}).status_code == 401
    assert client.get("/metrics").status_code == 401


def test_its_example_command_stores_its_event_caused_by_the_request(client: Any, database: str) -> None:
    trust = session_trust()
    assert client.post("/internal/items", json={"title": "First"}).status_code == 401
    assert client.post("/internal/items", json={"title": "First"}, headers=trust.headers("gateway", REGISTRAR)
                       ).status_code == 403  # only the console may, and only for a staff member
    assert client.post("/internal/items", json={"title": "First"}, headers=trust.headers("admin")).status_code == 401

    created = client.post("/internal/items", json={"title": "First"},
                          headers={**trust.headers("admin", REGISTRAR), "X-Correlation-ID": "request-1"})

    assert created.status_code == 201, created.get_json()
    item_id = created.get_json()["item_id"]
    engine = create_engine(database, poolclass=pool.NullPool)
    with engine.connect() as connection:
        [event] = connection.execute(text(
            "SELECT topic, type, tenant_id, payload, correlation_id, causation_id FROM events "
            "WHERE aggregate_id = :id"), {"id": item_id}).all()
    engine.dispose()
    assert tuple(event) == ("sample-skeleton.item", "ItemCreated", "demo-univ", {"title": "First"},
                            "request-1", "request-1")
    read = client.get(f"/internal/items/{item_id}", headers=trust.headers("admin", REGISTRAR))
    assert read.get_json()["title"] == "First"
    assert client.get(f"/internal/items/{item_id}", headers=trust.headers("admin", OTHER_TENANT)).status_code == 404


def test_a_refused_body_is_a_field_error_worded_by_its_catalogue(client: Any) -> None:
    refused = client.post("/internal/items?lang=en", json={"title": "x" * 101},
                          headers=session_trust().headers("admin", REGISTRAR))

    assert refused.status_code == 400
    assert refused.get_json() == {"errors": [{"field": "title", "code": "title_too_long",
                                              "reason": "Give a title of at most 100 characters."}]}
