"""Verification's internal API on PostgreSQL (ADR 0036): the public lookup by a code as typed,
each lookup recorded with its country and never an address; the graduate's own certificates and
who checked them; staff's search, revocation (once, role-checked, with history) and log."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from certificate_rows import insert_certificate
from flask import Flask
from sqlalchemy import Engine, text

from shomei_devtools.trust import session_trust
from shomei_print_gateway.bootstrap import bootstrap
from shomei_print_gateway.entrypoints.migrate import MIGRATIONS
from shomei_print_gateway.entrypoints.web import create_app
from shomei_print_gateway.service_layer.ports import Dependencies
from shomei_print_gateway.settings import PrintGatewaySettings
from shomei_shared.clock import FakeClock
from shomei_shared.db import make_engine, migrate
from shomei_shared.web.assertions import Actor

NOW = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)


def gateway() -> dict[str, str]:
    return session_trust().headers("gateway")


def graduate(account_id: str = "account-1", tenant: str = "demo-univ") -> dict[str, str]:
    return session_trust().headers("gateway", Actor(tenant, account_id, "graduate"))


def staff(roles: tuple[str, ...] = ("registrar",), tenant: str = "demo-univ") -> dict[str, str]:
    return session_trust().headers("admin", Actor(tenant, "staff-1", "staff", roles))


@pytest.fixture
def engine(new_database: Callable[[str], str]) -> Iterator[Engine]:
    url = new_database("print_gateway")
    migrate(url, MIGRATIONS)
    engine = make_engine(url, pool_size=4)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def app(engine: Engine, clock: FakeClock) -> Flask:
    settings = PrintGatewaySettings(environment="test", database_url="postgresql+psycopg://unused/x",
                                    retention_years_by_tenant="sakura-univ=10",
                                    **session_trust().settings("print-gateway"))
    deps = Dependencies(clock=clock, new_id=lambda: str(uuid.uuid4()), retention=settings.retention())
    service = bootstrap(engine, deps)
    return create_app(settings, service, engine, clock)


def verify(app: Flask, code: str, tenant: str = "demo-univ", country: str | None = "JP", lang: str = "ja"):  # type: ignore[no-untyped-def]
    return app.test_client().post(f"/internal/verifications?lang={lang}", headers=gateway(),
                                  json={"tenant_id": tenant, "code": code, "country": country})


def lookups(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(text(
            "SELECT certificate_id, country, outcome FROM verification_lookups ORDER BY looked_up_at, id")).mappings()]


def test_a_code_as_typed_or_scanned_answers_what_the_university_issued(app: Flask, engine: Engine,
                                                                      clock: FakeClock) -> None:
    row = insert_certificate(engine, verification_code="7KQ4-M2XD-9P3F-WA6T")
    answer = verify(app, "7kq4 m2xd 9p3f wa6t")
    assert answer.status_code == 200, answer.json
    shown = answer.json
    assert (shown["status"], shown["tenant_id"], shown["title"], shown["holder_name"], shown["issued_on"]) == (
        "valid", "demo-univ", "卒業証明書", "証明 太郎", "2026-04-01")
    assert shown["preview_png"] and shown["retention_ends"] == "2031-04-01"
    clock.advance(timedelta(minutes=5))
    assert verify(app, "7KQ4M2XD9P3FWA6T", country="T1").json["status"] == "valid"
    assert lookups(engine) == [{"certificate_id": row["certificate_id"], "country": "JP", "outcome": "valid"},
                               {"certificate_id": row["certificate_id"], "country": None, "outcome": "valid"}]


def test_unknown_and_mistyped_codes_are_answered_at_the_field(app: Flask, engine: Engine) -> None:
    insert_certificate(engine, verification_code="7KQ4-M2XD-9P3F-WA6T")
    mistyped = verify(app, "7KQ4-M2XD-9P3F", lang="en")
    assert mistyped.status_code == 400
    assert [(e["field"], "16 letters" in e["reason"]) for e in mistyped.json["errors"]] == [("code", True)]
    unknown = verify(app, "7KQ4-M2XD-9P3F-WA6V")
    assert unknown.status_code == 404 and unknown.json["errors"][0]["field"] == "code"
    assert "確認コード" in unknown.json["errors"][0]["reason"]
    # Another university's page does not find this one's certificate.
    assert verify(app, "7KQ4-M2XD-9P3F-WA6T", tenant="sakura-univ").status_code == 404
    assert [entry["outcome"] for entry in lookups(engine)] == ["unknown", "unknown"]


def test_retention_passes_per_university_and_then_names_no_one(app: Flask, engine: Engine) -> None:
    old = insert_certificate(engine, issued_on=date(2021, 5, 31))
    older_sakura = insert_certificate(engine, "sakura-univ", issued_on=date(2016, 6, 1))
    passed = verify(app, old["verification_code"]).json
    assert passed["status"] == "retention_passed" and passed["retention_ends"] == "2026-05-31"
    assert "holder_name" not in passed and "preview_png" not in passed
    kept = verify(app, older_sakura["verification_code"], tenant="sakura-univ").json
    assert kept["status"] == "valid" and kept["retention_ends"] == "2026-06-01"


def test_staff_revoke_once_with_a_reason_and_the_public_sees_it(app: Flask, engine: Engine,
                                                               clock: FakeClock) -> None:
    row = insert_certificate(engine)
    clock.set(datetime(2026, 5, 31, 20, 0, tzinfo=UTC))  # 05:00 on 1 June in Japan: the date said is Japan's
    client, url = app.test_client(), f"/internal/staff/certificates/{row['certificate_id']}/revocation"
    assert client.post(url, json={"reason": "誤記"}, headers=staff(("auditor",))).status_code == 403
    assert client.post(url, json={"reason": "   "}, headers=staff()).json["errors"][0]["field"] == "reason"
    assert client.post(url, json={"reason": "x"}, headers=staff(tenant="sakura-univ")).status_code == 404

    answers: list[str] = []
    start = threading.Barrier(2)

    def revoke() -> None:
        start.wait()
        answers.append(app.test_client().post(url, json={"reason": "氏名の誤記のため\n再発行"},
                                              headers=staff()).json["outcome"])

    threads = [threading.Thread(target=revoke) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == ["already", "revoked"]

    shown = verify(app, row["verification_code"]).json
    assert (shown["status"], shown["reason"], shown["revoked_on"]) == (
        "revoked", "氏名の誤記のため 再発行", "2026-06-01")
    detail = client.get(f"/internal/staff/certificates/{row['certificate_id']}", headers=staff(("auditor",))).json
    assert [(h["event"], h.get("staff_id"), h.get("reason")) for h in detail["history"]] == [
        ("CertificateIssued", None, None), ("CertificateRevoked", "staff-1", "氏名の誤記のため 再発行")]
    assert [(entry["outcome"], entry["country"]) for entry in detail["lookups"]] == [("revoked", "JP")]
    with engine.connect() as conn:
        payloads = conn.execute(text("SELECT payload FROM events WHERE type = 'CertificateRevoked'")).scalars().all()
    assert len(payloads) == 1 and "reason" not in payloads[0]  # the reason stays out of Kafka


def test_the_graduate_sees_their_certificates_and_who_checked_when(app: Flask, engine: Engine,
                                                                   clock: FakeClock) -> None:
    mine = insert_certificate(engine)
    insert_certificate(engine, account_id="account-2")
    verify(app, mine["verification_code"], country="DE")
    clock.advance(timedelta(minutes=5))
    verify(app, mine["verification_code"], country=None)
    client = app.test_client()
    [certificate] = client.get("/internal/account/certificates", headers=graduate()).json["certificates"]
    assert certificate["certificate_id"] == mine["certificate_id"] and certificate["status"] == "valid"
    assert [entry["country"] for entry in certificate["lookups"]] == [None, "DE"]
    assert set(certificate["lookups"][0]) == {"at", "country"}
    assert client.get("/internal/account/certificates",
                      headers=graduate(tenant="sakura-univ")).json["certificates"] == []


def test_staff_find_certificates_by_code_or_order_and_read_the_log(app: Flask, engine: Engine,
                                                                  clock: FakeClock) -> None:
    first = insert_certificate(engine, order_id="order-7")
    insert_certificate(engine, order_id="order-8")
    insert_certificate(engine, "sakura-univ", order_id="order-7")
    client = app.test_client()
    by_order = client.get("/internal/staff/certificates?order_id=order-7", headers=staff(("auditor",))).json
    assert [c["certificate_id"] for c in by_order["certificates"]] == [first["certificate_id"]]
    typed = first["verification_code"].lower().replace("-", " ")
    by_code = client.get(f"/internal/staff/certificates?code={typed}", headers=staff(("reviewer",))).json
    assert [c["certificate_id"] for c in by_code["certificates"]] == [first["certificate_id"]]
    assert client.get("/internal/staff/certificates?code=nonsense", headers=staff()).status_code == 400
    verify(app, first["verification_code"], country="US")
    clock.advance(timedelta(minutes=5))
    verify(app, "0000-0000-0000-0000")
    log = client.get("/internal/staff/verifications", headers=staff(("auditor",))).json["lookups"]
    assert [(entry["outcome"], entry["country"], entry["certificate_number"]) for entry in log] == [
        ("unknown", "JP", None), ("valid", "US", first["certificate_number"])]
    assert client.get("/internal/staff/verifications", headers=staff(tenant="sakura-univ")).json["lookups"] == []


def test_a_certificate_whose_preview_is_not_made_yet_is_shown_without_an_image(app: Flask, engine: Engine) -> None:
    """Issuing leaves the preview to the jobs process (ADR 0039): until it is made, the facts
    without an image, and whether one is still to come (its PDF gone first: never)."""
    pending = insert_certificate(engine, verification_code="7KQ4-M2XD-9P3F-WA6T", preview_png=None)
    shown = verify(app, pending["verification_code"]).json
    assert (shown["status"], shown["holder_name"], shown["certificate_number"]) == (
        "valid", "証明 太郎", pending["certificate_number"])
    assert (shown["preview_png"], shown["preview_pending"]) == (None, True)
    detail = app.test_client().get(f"/internal/staff/certificates/{pending['certificate_id']}", headers=staff()).json
    assert (detail["preview_png"], detail["preview_pending"]) == (None, True)

    gone = insert_certificate(engine, verification_code="7KQ4-M2XD-9P3F-WA6V", preview_png=None,
                              preview_unavailable_at=NOW)
    shown = verify(app, gone["verification_code"]).json
    assert (shown["status"], shown["preview_png"], shown["preview_pending"]) == ("valid", None, False)

    made = verify(app, insert_certificate(engine)["verification_code"]).json
    assert made["preview_png"] and made["preview_pending"] is False
