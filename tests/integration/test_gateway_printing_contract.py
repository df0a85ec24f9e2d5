"""The gateway's PrintingApi: the same cases against its fake (tests/printing_fakes.py) and its HTTP
adapter talking to the real print-gateway (real PostgreSQL, its jobs round, the netprint and Sharp
simulators and their signed callbacks), so the order page's tests on the fake say something about
the real service.

A test of the suite, not of one service: it is the one place allowed to read both sides."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from printing_fakes import FakePrinting

from shomei_devtools.trust import session_trust
from shomei_gateway.adapters.printing_http import HttpPrinting
from shomei_gateway.service_layer.printing import PrintingApi
from shomei_print_gateway.adapters.academic_records import FakeAcademicRecords
from shomei_print_gateway.adapters.rendering import PdfRenderer
from shomei_print_gateway.adapters.store_print import Netprint, SharpPrint
from shomei_print_gateway.bootstrap import bootstrap
from shomei_print_gateway.domain import heard
from shomei_print_gateway.domain.certificate import AcademicRecord, Issuer
from shomei_print_gateway.entrypoints.jobs import run_once
from shomei_print_gateway.entrypoints.migrate import MIGRATIONS
from shomei_print_gateway.entrypoints.web import create_app
from shomei_print_gateway.service_layer.ports import Dependencies
from shomei_print_gateway.settings import PrintGatewaySettings
from shomei_shared.clock import FakeClock
from shomei_shared.db import make_engine, migrate
from shomei_shared.web.assertions import Actor
from shomei_shared.web.client import InternalClient
from shomei_simulators import netprint, sharpprint
from shomei_simulators.storeprint.simulator import Settings as SimSettings
from shomei_simulators.testing import Served, wait_for

TENANT = "demo-univ"
TITLES = ["卒業証明書", "成績証明書"]
LINES = [{"type": "graduation", "name_ja": "卒業証明書", "name_en": "Certificate of Graduation", "copies": 1,
          "pages": 1},
         {"type": "transcript", "name_ja": "成績証明書", "name_en": "Academic Transcript", "copies": 1, "pages": 2}]
SECRET = "contract-callback-secret"
PAGE_CHARGE = 20  # yen a page at the chain, as ordering quoted it


@dataclass
class World:
    api: PrintingApi
    hear: Callable[[str, str, str], None]  # account, order id, channel: placed and paid
    issue: Callable[[str], None]  # the jobs round submits it
    print_all: Callable[[str], None]  # every number printed at the store's machine
    account_id: str = "account-1"

    def assertion(self) -> str:
        return session_trust().assertion(Actor(TENANT, self.account_id, "graduate"))


def fake_world() -> World:
    fake = FakePrinting()
    deadline = datetime.now(UTC) + timedelta(days=6)
    return World(fake, lambda account, order_id, channel: fake.hear(TENANT, account, order_id, channel, deadline,
                                                                    TITLES), fake.issue, fake.print_all)


class Later:
    def __init__(self) -> None:
        self.app: Any = None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self.app(environ, start_response)


@pytest.fixture
def real_world(new_database: Callable[[str], str], tmp_path: Path) -> Iterator[World]:
    url = new_database("print_gateway")
    migrate(url, MIGRATIONS)
    engine = make_engine(url, pool_size=4)
    later = Later()
    web = Served(later)
    sims = {key: Served(app.create_app(SimSettings(tmp_path / key, f"{web.url}/callbacks/print/{key}", SECRET),
                                       *credentials))
            for key, app, credentials in (("netprint", netprint, ("key",)), ("sharpprint", sharpprint, ("u", "p")))}
    records = FakeAcademicRecords()
    issuer = Issuer(TENANT, "証明大学", "Shomei University", "学長", "President", "山田 一郎", "Ichiro Yamada")
    # Whole, as the renderer needs it for a graduation certificate (a missing date fails the order).
    record = AcademicRecord("L08001", "佐藤 花子", "SATO Hanako", date(2000, 5, 1), "卒業", "学部", "文学部",
                            "Faculty of Letters", "史学科", "History", degree_ja="学士（文学）",
                            degree_en="Bachelor of Arts", admitted_on=date(2018, 4, 1), graduated_on=date(2022, 3, 25))
    for account in ("account-1", "account-2"):
        records.add(TENANT, account, record, issuer)
    clock = FakeClock(datetime.now(UTC).replace(microsecond=0))
    service = bootstrap(engine, Dependencies(clock=clock, new_id=lambda: str(uuid.uuid4())), records=records,
                        renderer=PdfRenderer(), providers={
                            "netprint": Netprint(sims["netprint"].url, "key"),
                            "sharpprint": SharpPrint(sims["sharpprint"].url, "u", "p")})
    settings = PrintGatewaySettings(environment="test", database_url=url, print_callback_secret=SECRET,
                                    **session_trust().settings("print-gateway"))
    later.app = create_app(settings, service, engine)

    def hear(account: str, order_id: str, channel: str) -> None:
        service.handle(heard.OrderPlaced(tenant_id=TENANT, aggregate_id=order_id, account_id=account,
                                         student_number="L08001", print_channel=channel, lines=LINES,
                                         deadline=clock.now() + timedelta(days=6),
                                         ends_at=clock.now() + timedelta(days=7),
                                         print_charge_per_page=PAGE_CHARGE))
        service.handle(heard.OrderPaid(tenant_id=TENANT, aggregate_id=order_id, payment_id="pay", paid_at=clock.now()))

    def print_all(order_id: str) -> None:
        view = world.api.printing(TENANT, world.account_id, order_id)
        assert view is not None
        sim = sims["netprint" if view.print_channel == "netprint" else "sharpprint"]
        for reservation in view.reservations:
            answer = requests.post(f"{sim.url}/machine/print/{reservation.number}", data={"document_id": "all"},
                                   timeout=30)
            assert answer.status_code == 200
        wait_for(lambda: (seen := world.api.printing(TENANT, world.account_id, order_id)) is not None
                 and seen.status == "fulfilled")

    client = InternalClient(web.url, session_trust().credential("gateway"), assertion=lambda: world.assertion())
    world = World(HttpPrinting(client), hear, lambda _order_id: run_once(service) and None, print_all)
    try:
        yield world
    finally:
        for served in (*sims.values(), web):
            app = served.server.app
            if hasattr(app, "extensions") and "storeprint" in app.extensions:
                app.extensions["storeprint"].callbacks.stop()
            served.stop()
        engine.dispose()


@pytest.fixture(params=["fake", "http"])
def world(request: pytest.FixtureRequest) -> World:
    if request.param == "fake":
        return fake_world()
    found: World = request.getfixturevalue("real_world")
    return found


def test_an_order_not_heard_is_none(world: World) -> None:
    assert world.api.printing(TENANT, world.account_id, str(uuid.uuid4())) is None


@pytest.mark.parametrize(("channel", "numbers"), [("netprint", 2), ("sharp", 1)])
def test_waiting_then_numbers_per_channel_then_every_copy_printed(world: World, channel: str, numbers: int) -> None:
    order_id = str(uuid.uuid4())
    world.hear(world.account_id, order_id, channel)
    waiting = world.api.printing(TENANT, world.account_id, order_id)
    assert waiting is not None and (waiting.status, waiting.reservations, waiting.print_channel) == (
        "waiting", (), channel)
    assert waiting.steps and waiting.stores["ja"]

    world.issue(order_id)
    issued = world.api.printing(TENANT, world.account_id, order_id)
    assert issued is not None and issued.printable and len(issued.reservations) == numbers
    copies = [copy for reservation in issued.reservations for copy in reservation.copies]
    assert sorted(copy.title for copy in copies) == sorted(TITLES) and not any(copy.printed for copy in copies)
    assert issued.deadline > datetime.now(UTC)
    # The estimate counts the pages issued (at least one a certificate) at the quoted charge a page.
    assert waiting.print_estimate is None and issued.print_estimate is not None
    assert issued.print_estimate % PAGE_CHARGE == 0 and issued.print_estimate >= PAGE_CHARGE * len(copies)

    world.print_all(order_id)
    printed = world.api.printing(TENANT, world.account_id, order_id)
    assert printed is not None and printed.status == "fulfilled"
    assert all(copy.printed for reservation in printed.reservations for copy in reservation.copies)


def test_another_graduates_order_is_as_missing_as_none(world: World) -> None:
    order_id = str(uuid.uuid4())
    world.hear("account-2", order_id, "netprint")
    assert world.api.printing(TENANT, world.account_id, order_id) is None
