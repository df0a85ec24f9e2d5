"""The pages issued certificates ran to, for the console's catalogue (issue 10): counted per
template and language over the last 90 days, one university's only, for its staff only (ADR 0019)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest
from certificate_rows import insert_certificate
from flask import Flask
from sqlalchemy import Engine

from shomei_devtools.trust import session_trust
from shomei_print_gateway.bootstrap import bootstrap
from shomei_print_gateway.entrypoints.web import create_app
from shomei_print_gateway.service_layer.page_counts import observed_pages
from shomei_print_gateway.service_layer.ports import Dependencies
from shomei_print_gateway.settings import PrintGatewaySettings
from shomei_shared.clock import FakeClock
from shomei_shared.web.assertions import Actor

URL = "/internal/staff/page-counts"


@pytest.fixture
def app(engine: Engine, clock: FakeClock) -> Flask:
    settings = PrintGatewaySettings(environment="test", database_url="postgresql+psycopg://unused/x",
                                    **session_trust().settings("print-gateway"))
    return create_app(settings, bootstrap(engine, Dependencies(clock=clock, new_id=lambda: str(uuid.uuid4()))),
                      engine, clock)


def issue(engine: Engine, at: datetime, pages: int, kind: str = "transcript", language: str = "ja",
          tenant: str = "demo-univ") -> None:
    insert_certificate(engine, tenant, issued_on=at.date(), issued_at=at, pages=pages, kind=kind, language=language)


def test_pages_are_counted_per_template_and_language_within_90_days(engine: Engine, clock: FakeClock) -> None:
    now = clock.now()
    for pages in (2, 4, 3, 3):
        issue(engine, now - timedelta(days=10), pages)
    issue(engine, now - timedelta(days=89, hours=23), 5, language="en")
    issue(engine, now - timedelta(days=89, hours=23), 6, language="en")
    issue(engine, now - timedelta(days=1), 1, kind="graduation")
    issue(engine, now - timedelta(days=90, minutes=1), 40)  # before the period
    issue(engine, now - timedelta(days=1), 30, tenant="sakura-univ")  # another university's
    observed = observed_pages("demo-univ", bootstrap(engine, Dependencies(clock=clock, new_id=str)).uow(), now)
    assert observed == {"days": 90, "page_counts": [
        {"kind": "graduation", "language": "ja", "certificates": 1, "least": 1, "median": 1.0, "most": 1},
        {"kind": "transcript", "language": "en", "certificates": 2, "least": 5, "median": 5.5, "most": 6},
        {"kind": "transcript", "language": "ja", "certificates": 4, "least": 2, "median": 3.0, "most": 4}]}


def test_staff_read_their_own_universitys_counts_and_no_one_else_may(app: Flask, engine: Engine,
                                                                    clock: FakeClock) -> None:
    issue(engine, clock.now() - timedelta(days=3), 3)
    issue(engine, clock.now() - timedelta(days=3), 7, tenant="sakura-univ")
    trust, client = session_trust(), app.test_client()

    def staff(tenant: str, roles: tuple[str, ...] = ("auditor",)) -> dict[str, str]:
        return trust.headers("admin", Actor(tenant, "staff-1", "staff", roles))

    demo = client.get(URL, headers=staff("demo-univ"))
    assert demo.status_code == 200
    assert [(c["kind"], c["certificates"], c["most"]) for c in demo.json["page_counts"]] == [("transcript", 1, 3)]
    assert [c["most"] for c in client.get(URL, headers=staff("sakura-univ", ("reviewer",))).json["page_counts"]] == [7]
    # Refused as the console's other print reads: no assertion, a graduate, the gateway, no credential.
    assert client.get(URL, headers=trust.headers("admin")).status_code == 401
    assert client.get(URL, headers=trust.headers("admin", Actor("demo-univ", "a-1", "graduate"))).status_code == 403
    assert client.get(URL, headers=trust.headers("gateway", Actor("demo-univ", "s", "staff", ("registrar",)))
                      ).status_code == 403
    assert client.get(URL).status_code == 401
    assert "holder_name" not in demo.get_data(as_text=True) and "証明 太郎" not in demo.get_data(as_text=True)
