from __future__ import annotations

import base64
import io
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import Engine, text

from shomei_devtools.dev_secrets import fernet_key
from shomei_devtools.trust import session_trust
from shomei_enrollment.adapters.catalogue_repository import SqlCatalogueRepository
from shomei_enrollment.bootstrap import bootstrap, real_dependencies
from shomei_enrollment.entrypoints.consumer import GROUP
from shomei_enrollment.entrypoints.migrate import MIGRATIONS
from shomei_enrollment.entrypoints.seed_demo import CATALOGUE, calendar_periods
from shomei_enrollment.entrypoints.web import create_app
from shomei_enrollment.service_layer.ports import EnrollmentUnitOfWork
from shomei_enrollment.settings import EnrollmentSettings
from shomei_shared.clock import FakeClock
from shomei_shared.consumer.consumer import Delivery, IdempotentConsumer
from shomei_shared.db import make_engine, migrate
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.outbox.publisher import InMemoryPublisher
from shomei_shared.service import Service
from shomei_shared.web.assertions import Actor

AUTH = session_trust().headers("gateway")  # anonymous applicant calls: the gateway's credential only


def staff(tenant: str, staff_id: str = "staff-1", roles: tuple[str, ...] = ("reviewer", "registrar")) -> dict[str, str]:
    """The console calling for a staff member: its credential and identity's assertion."""
    return session_trust().headers("admin", Actor(tenant, staff_id, "staff", roles))


def tenant_admin(tenant: str, staff_id: str = "admin-1") -> dict[str, str]:
    return staff(tenant, staff_id, ("tenant_admin",))


def graduate(account_id: str, tenant: str = "demo-univ") -> dict[str, str]:
    """The gateway calling for a signed-in graduate."""
    return session_trust().headers("gateway", Actor(tenant, account_id, "graduate"))
GATEWAY = "https://certs.example"


@pytest.fixture
def db_url(new_database: Callable[[str], str]) -> str:
    url = new_database("enrollment")
    migrate(url, MIGRATIONS)
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url, pool_size=4)
    with engine.begin() as conn:
        catalogues = SqlCatalogueRepository(conn)
        catalogues.save_catalogue(CATALOGUE)
        for kind, first, last, label in calendar_periods(datetime(2026, 4, 1).date()):
            catalogues.add_calendar_period(CATALOGUE.tenant_id, kind, first, last, label)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 4, 14, 0, 30, tzinfo=UTC))  # Tuesday 09:30 JST, in term


@pytest.fixture
def settings(db_url: str) -> EnrollmentSettings:
    return EnrollmentSettings(environment="test", database_url=db_url, secret_seal_key=fernet_key(),
                              public_base_url=GATEWAY, **session_trust().settings("enrollment"))


@pytest.fixture
def enrollment(engine: Engine, clock: FakeClock, settings: EnrollmentSettings) -> Service[EnrollmentUnitOfWork]:
    return bootstrap(engine, settings, real_dependencies(settings, clock=clock))


@pytest.fixture
def app(enrollment: Service[EnrollmentUnitOfWork], engine: Engine, settings: EnrollmentSettings) -> Flask:
    return create_app(settings, enrollment, engine)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def deliver(engine: Engine, enrollment: Service[EnrollmentUnitOfWork]) -> Callable[[Envelope], None]:
    """Hand an identity event to the enrollment consumer, as Kafka would (ledger included)."""
    consumer = IdempotentConsumer(engine, GROUP, enrollment.consume, InMemoryPublisher())
    offsets = iter(range(10_000))

    def send(envelope: Envelope) -> None:
        consumer.process(Delivery("identity.test", 0, next(offsets), None, envelope.to_json(), []))

    return send


@pytest.fixture
def verified_registration(deliver: Callable[[Envelope], None]) -> Callable[..., str]:
    def verify(email: str = "taro@example.jp", tenant_id: str = "demo-univ", locale: str = "ja") -> str:
        registration_id = str(uuid.uuid4())
        deliver(Envelope(type="RegistrationEmailVerified", version=1, tenant_id=tenant_id,
                         aggregate_id=registration_id, aggregate_version=3,
                         payload={"email": email, "locale": locale}))
        return registration_id

    return verify


def image_b64(kind: str = "JPEG") -> str:
    output = io.BytesIO()
    Image.new("RGB", (120, 80), (10, 120, 200)).save(output, format=kind)
    return base64.b64encode(output.getvalue()).decode()


@pytest.fixture
def form() -> dict[str, Any]:
    return {
        "tenant_id": "demo-univ",
        "applicant": {
            "name": {"kanji": "証明 太郎", "katakana": "ショウメイ タロウ", "romaji": "Shomei Taro"},
            "date_of_birth": "1990-05-01",
            "enrollment": {"university": "shomei", "faculty": "lit", "department": "jpn",
                           "student_number": "L08001", "graduation_year_month": "2012-03", "status": "卒業"},
            "address": {"postal_code": "530-0001", "prefecture": "大阪府", "city": "大阪市北区",
                        "street": "梅田1-1-1", "building": "証明ビル101"},
            "mobile_phone": "090-1234-5678",
        },
        "document_type": "運転免許証",
        "images": {"front": image_b64(), "back": image_b64("PNG")},
    }


def events(engine: Engine, aggregate_id: str | None = None) -> list[dict[str, Any]]:
    query = "SELECT topic, type, version, tenant_id, aggregate_id, payload FROM events"
    with engine.connect() as conn:
        if aggregate_id is None:
            rows = conn.execute(text(query + " ORDER BY id")).mappings().all()
        else:
            rows = conn.execute(text(query + " WHERE aggregate_id = :a ORDER BY id"), {"a": aggregate_id}).mappings()
        return [dict(row) for row in rows]


def resubmission_link(client: FlaskClient, engine: Engine, application_id: str) -> str:
    """The re-application URL the last return of the application mailed, redeemed the way the
    notifier does: from the event's secret_ref (the token is in no event)."""
    [requested, *_] = [e for e in reversed(events(engine, application_id)) if e["type"] == "ResubmissionRequested"]
    redeemed = client.post(f"/internal/secrets/{requested['payload']['secret_ref']}/redeem",
                           headers=session_trust().headers("notifier"))
    assert redeemed.status_code == 200, redeemed.json
    assert redeemed.json["kind"] == "resubmission_url"
    return str(redeemed.json["value"])


def token_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["token"][0]
