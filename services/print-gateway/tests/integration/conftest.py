"""print-gateway on real PostgreSQL, with the netprint and Sharp simulators served on free ports, a
clock tests move (starting now: the simulators refuse an expiry in their past), the fake academic
records (the real endpoint is enrollment's, contract-tested after merge) and the stand-in renderer."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask
from sqlalchemy import Engine, text

from shomei_devtools.trust import session_trust
from shomei_print_gateway.adapters.academic_records import FakeAcademicRecords
from shomei_print_gateway.adapters.rendering import PdfRenderer
from shomei_print_gateway.adapters.store_print import Netprint, SharpPrint
from shomei_print_gateway.bootstrap import bootstrap
from shomei_print_gateway.domain import heard
from shomei_print_gateway.domain.certificate import AcademicRecord, Issuer
from shomei_print_gateway.domain.deadlines import TOKYO
from shomei_print_gateway.entrypoints.migrate import MIGRATIONS
from shomei_print_gateway.entrypoints.web import create_app
from shomei_print_gateway.service_layer.ports import Dependencies, PrintGatewayUnitOfWork, StorePrint
from shomei_print_gateway.settings import PrintGatewaySettings
from shomei_shared.clock import FakeClock
from shomei_shared.db import make_engine, migrate
from shomei_shared.service import Service
from shomei_simulators import netprint, sharpprint
from shomei_simulators.storeprint.simulator import Settings as SimSettings
from shomei_simulators.testing import Served

NETPRINT_KEY, SHARP_USER, SHARP_PASSWORD = "test-netprint-key", "shomei", "test-sharp-password"
CALLBACK_SECRET = "test-print-callback-secret"
ISSUER = Issuer("demo-univ", "証明大学", "Shomei University", "学長", "President", "山田 一郎", "Ichiro Yamada")


def record(student_number: str = "L08001", kanji: str = "佐藤 花子", romaji: str = "SATO Hanako") -> AcademicRecord:
    return AcademicRecord(student_number=student_number, name_kanji=kanji, name_romaji=romaji,
                          birth_date=date(2000, 5, 1), status="卒業", programme="学部", faculty_ja="文学部",
                          faculty_en="Faculty of Letters", department_ja="史学科", department_en="History",
                          degree_ja="学士（文学）", degree_en="Bachelor of Arts", admitted_on=date(2018, 4, 1),
                          graduated_on=date(2022, 3, 25))


@dataclass
class Sim:
    url: str
    data_dir: Path

    def get(self, path: str) -> Any:
        answer = requests.get(self.url + path, timeout=10)
        answer.raise_for_status()
        return answer.json()

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        answer = requests.post(self.url + path, json=body or {}, timeout=10)
        answer.raise_for_status()
        return answer.json() if answer.content else None

    def active(self) -> list[dict[str, Any]]:
        return [upload for upload in self.get("/_sim/uploads") if upload["state"] == "active"]

    def pdf(self, number: str, document_id: str) -> bytes:
        answer = requests.get(f"{self.url}/_sim/uploads/{number}/{document_id}.pdf", timeout=10)
        answer.raise_for_status()
        return answer.content


def serve_sim(key: str, data_dir: Path, callback_url: str | None) -> Served:
    settings = SimSettings(data_dir=data_dir, callback_url=callback_url, callback_secret=CALLBACK_SECRET)
    if key == "netprint":
        return Served(netprint.create_app(settings, api_key=NETPRINT_KEY))
    return Served(sharpprint.create_app(settings, username=SHARP_USER, password=SHARP_PASSWORD))


class Later:
    """A WSGI app served before the app it forwards to exists: the simulators need the callback
    URL at start, the web app needs the simulators (through the service) to be built."""

    def __init__(self) -> None:
        self.app: Any = None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if self.app is None:
            start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
            return [b"not yet"]
        return self.app(environ, start_response)


@pytest.fixture
def app(db_url: str, engine: Engine, service: Service[PrintGatewayUnitOfWork],
        callbacks: tuple[Later, str]) -> Iterator[Flask]:
    """The web app, receiving the simulators' printed callbacks."""
    settings = PrintGatewaySettings(environment="test", database_url=db_url, print_callback_secret=CALLBACK_SECRET,
                                    **session_trust().settings("print-gateway"))
    app = create_app(settings, service, engine)
    callbacks[0].app = app
    yield app
    callbacks[0].app = None


@pytest.fixture
def callbacks() -> Iterator[tuple[Later, str]]:
    """(the forwarder, its URL): set `.app` to the web app to receive the printed callbacks."""
    later = Later()
    served = Served(later)
    yield later, served.url
    served.stop()


def _sim(key: str, tmp_path: Path, callback_base: str) -> Iterator[Sim]:
    served = serve_sim(key, tmp_path / key, f"{callback_base}/callbacks/print/{key}")
    try:
        yield Sim(served.url, tmp_path / key)
    finally:
        served.server.app.extensions["storeprint"].callbacks.stop()  # type: ignore[attr-defined]
        served.stop()


@pytest.fixture
def netprint_sim(tmp_path: Path, callbacks: tuple[Later, str]) -> Iterator[Sim]:
    yield from _sim("netprint", tmp_path, callbacks[1])


@pytest.fixture
def sharp_sim(tmp_path: Path, callbacks: tuple[Later, str]) -> Iterator[Sim]:
    yield from _sim("sharpprint", tmp_path, callbacks[1])


@pytest.fixture
def db_url(new_database: Callable[[str], str]) -> str:
    url = new_database("print_gateway")
    migrate(url, MIGRATIONS)
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url, pool_size=4)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def records() -> FakeAcademicRecords:
    fake = FakeAcademicRecords()
    fake.add("demo-univ", "account-1", record(), ISSUER)
    return fake


@pytest.fixture
def providers(netprint_sim: Sim, sharp_sim: Sim) -> dict[str, StorePrint]:
    return {"netprint": Netprint(netprint_sim.url, NETPRINT_KEY),
            "sharpprint": SharpPrint(sharp_sim.url, SHARP_USER, SHARP_PASSWORD)}


def deps_for(clock: FakeClock, **changes: Any) -> Dependencies:
    return Dependencies(clock=clock, new_id=lambda: str(uuid.uuid4()), **changes)


@pytest.fixture
def service(engine: Engine, clock: FakeClock, records: FakeAcademicRecords,
            providers: dict[str, StorePrint]) -> Service[PrintGatewayUnitOfWork]:
    return bootstrap(engine, deps_for(clock), records=records, renderer=PdfRenderer(), providers=providers)


def window(placed_at: datetime) -> tuple[datetime, datetime]:
    """ordering's deadline (rule 5): 23:59:59 JST of day 7 and 00:00 JST of day 8."""
    day_after = placed_at.astimezone(TOKYO).date() + timedelta(days=7)
    ends_at = datetime.combine(day_after, time(0, 0), tzinfo=TOKYO)
    return (ends_at - timedelta(seconds=1)).astimezone(UTC), ends_at.astimezone(UTC)


def place(service: Service[PrintGatewayUnitOfWork], clock: FakeClock, *, channel: str = "netprint",
          lines: list[dict[str, Any]] | None = None, account_id: str = "account-1", student_number: str = "L08001",
          paid: bool = True, print_charge_per_page: int | None = None) -> str:
    """Hear OrderPlaced (and OrderPaid) as the consumer hands them to the service."""
    order_id = str(uuid.uuid4())
    deadline, ends_at = window(clock.now())
    service.handle(heard.OrderPlaced(
        tenant_id="demo-univ", aggregate_id=order_id, account_id=account_id, student_number=student_number,
        print_channel=channel, lines=lines or [
            {"type": "graduation", "name_ja": "卒業証明書", "name_en": "Certificate of Graduation", "copies": 2,
             "pages": 1},
            {"type": "transcript_en", "name_ja": "成績証明書（英文）", "name_en": "Academic Transcript (English)",
             "copies": 1, "pages": 2}],
        deadline=deadline, ends_at=ends_at, print_charge_per_page=print_charge_per_page))
    if paid:
        service.handle(heard.OrderPaid(tenant_id="demo-univ", aggregate_id=order_id, payment_id="pay-1",
                                       paid_at=clock.now()))
    return order_id


def events(engine: Engine, aggregate_id: str) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT type, payload FROM events WHERE aggregate_id = :a ORDER BY aggregate_version"),
                            {"a": aggregate_id}).mappings()
        return [dict(row) for row in rows]
