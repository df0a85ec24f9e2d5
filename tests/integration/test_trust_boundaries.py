"""Every internal endpoint of every service, called by whoever must be refused (ADR 0019).

Each service's app is built on real PostgreSQL with data of one university (A, demo-univ). The walk
reads the service's OpenAPI document and calls every operation: with no credential, with a wrong
secret, with every other service's credential, and, where a person acts, with no assertion, a
forged one, one of the wrong kind, staff without the role, and a graduate or staff member of
another university (B) naming A's things. Every call is refused; a call that B may make for B's own
university shows nothing of A's and changes nothing of A's (checked after the walk). New endpoints
join the walk by themselves, and one without a declaration fails it. The counts are printed.
"""

from __future__ import annotations

import base64
import io
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from flask import Flask
from PIL import Image
from sqlalchemy import text

from shomei_devtools.dev_secrets import fernet_key
from shomei_devtools.paths import project_root
from shomei_devtools.trust import CALLERS, assert_monitoring_is_not_public, declaration_at, new_trust_kit, session_trust
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.web.assertions import ASSERTION_HEADER, Actor
from shomei_shared.web.trust import ROLES, Declaration

A, B = "demo-univ", "sakura-univ"
PASSWORD, SECOND = "Tsukuba Seven 7", "Hongo Campus 1877"


@dataclass
class Walk:
    """One service's app, the values that name A's things in its paths, and A's markers."""

    service: str
    app: Flask
    params: dict[str, str]
    bodies: dict[tuple[str, str], Any] = field(default_factory=dict)
    markers: set[str] = field(default_factory=set)
    graduate_a: str = "account-a"

    def path(self, template: str) -> str:
        for name, value in self.params.items():
            template = template.replace("{" + name + "}", value)
        return template


@dataclass
class Tally:
    endpoints: dict[str, int] = field(default_factory=dict)
    cases: dict[str, int] = field(default_factory=dict)

    def count(self, case: str) -> None:
        self.cases[case] = self.cases.get(case, 0) + 1


def image_b64() -> str:
    output = io.BytesIO()
    Image.new("RGB", (120, 80), (10, 120, 200)).save(output, format="JPEG")
    return base64.b64encode(output.getvalue()).decode()


def applicant(email: str) -> dict[str, Any]:
    return {"name": {"kanji": "証明 太郎", "katakana": "ショウメイ タロウ", "romaji": "Shomei Taro"},
            "date_of_birth": "1990-05-01",
            "enrollment": {"university": "shomei", "faculty": "lit", "department": "jpn", "student_number": "L08001",
                           "graduation_year_month": "2012-03", "status": "卒業"},
            "address": {"postal_code": "530-0001", "prefecture": "大阪府", "city": "大阪市北区", "street": "梅田1-1-1",
                        "building": ""},
            "mobile_phone": "090-1234-5678", "_email": email}


@pytest.fixture
def identity_walk(new_database: Callable[[str], str]) -> Iterator[Walk]:
    from shomei_identity.entrypoints.migrate import migrate_when_ready
    from shomei_identity.entrypoints.web import create_app
    from shomei_identity.settings import IdentitySettings

    url = new_database("identity_trust")
    migrate_when_ready(url)
    app = create_app(IdentitySettings(environment="test", database_url=url, **session_trust().settings("identity"),
                                      secret_seal_key=Fernet.generate_key().decode()))
    trust, client, engine = session_trust(), app.test_client(), app.extensions["engine"]

    def post(path: str, body: dict[str, Any], caller: str = "gateway") -> Any:
        answer = client.post(f"/internal{path}", json=body, headers=trust.headers(caller))
        assert answer.status_code < 300, (path, answer.json)
        return answer.json

    def last_secret(event_type: str) -> str:
        with engine.connect() as conn:
            payload = conn.execute(text("SELECT payload FROM events WHERE type = :t ORDER BY id DESC LIMIT 1"),
                                   {"t": event_type}).scalar_one()
        return str(payload["secret_ref"])

    approved = Envelope(type="ApplicationApproved", version=1, tenant_id=A, aggregate_id="application-a",
                        aggregate_version=3, payload={"registration_id": "r-a", "email": "a-grad@example.jp",
                                                      "locale": "ja", "kind": "registration", "account_id": None,
                                                      "graduate_id": "g-a", "student_number": "L08001"})
    with engine.begin() as conn:
        app.extensions["service"].consume(approved, conn)
    initial = post(f"/secrets/{last_secret('AccountActivated')}/redeem", {}, "notifier")["value"]
    first = post("/login", {"tenant_id": A, "email": "a-grad@example.jp", "password": initial, "second_password": ""})
    session = post("/login/first-passwords", {"setup_token": first["setup_token"], "password": PASSWORD,
                                               "second_password": SECOND})
    account = post("/sessions/lookup", {"session_id": session["session_id"]})["account_id"]
    post("/registrations", {"tenant_id": A, "email": "a-new@example.jp", "locale": "ja"})
    account_body = {"session_id": session["session_id"], "locale": "ja"}
    new_password = {"new_password": "Kyoto Nine 9!", "confirmation": "Kyoto Nine 9!"}
    bodies = {("POST", "/internal/account/password"): {**account_body, "current_password": PASSWORD, **new_password},
              ("POST", "/internal/account/second-password"): {
                  **account_body, "current_second_password": SECOND, "new_second_password": "Nara Deer 1234",
                  "confirmation": "Nara Deer 1234"},
              ("POST", "/internal/account/email-change"): {**account_body, "new_email": "b@example.jp",
                                                           "confirmation": "b@example.jp"},
              ("POST", "/internal/account/student-number-addition"): account_body}
    yield Walk("identity", app, {"secret_ref": last_secret("RegistrationStarted")}, bodies,
               {"a-grad@example.jp", account, A}, account)
    # After the walk: A's graduate still logs in with the same passwords (nothing was changed).
    assert post("/login", {"tenant_id": A, "email": "a-grad@example.jp", "password": PASSWORD,
                           "second_password": SECOND})["status"] == "ok"
    engine.dispose()


@pytest.fixture
def enrollment_walk(new_database: Callable[[str], str], ipaex_fonts: dict[str, Path]) -> Iterator[Walk]:
    from shomei_enrollment.bootstrap import bootstrap
    from shomei_enrollment.entrypoints.demo_tenants import DEMO, SAKURA
    from shomei_enrollment.entrypoints.migrate import migrate_when_ready
    from shomei_enrollment.entrypoints.seed_demo import seed
    from shomei_enrollment.entrypoints.web import create_app
    from shomei_enrollment.settings import EnrollmentSettings
    from shomei_shared.db import make_engine

    url = new_database("enrollment_trust")
    migrate_when_ready(url)
    engine = make_engine(url, pool_size=4)
    settings = EnrollmentSettings(environment="test", database_url=url, secret_seal_key=fernet_key(),
                                  demo_seal_font=str(ipaex_fonts["mincho"]), **session_trust().settings("enrollment"))
    for tenant in (DEMO, SAKURA):
        seed(engine, tenant, datetime.now(UTC).date(), settings)
    service = bootstrap(engine, settings)
    app = create_app(settings, service, engine)
    client, trust = app.test_client(), session_trust()
    staff_a = trust.headers("admin", Actor(A, "staff-a", "staff", ("reviewer",)))

    def consume(type_: str, aggregate_id: str, payload: dict[str, Any]) -> None:
        envelope = Envelope(type=type_, version=1, tenant_id=A, aggregate_id=aggregate_id, aggregate_version=1,
                            payload=payload)
        with engine.begin() as conn:
            service.consume(envelope, conn)

    def submit(email: str) -> tuple[str, str]:
        registration_id = str(uuid.uuid4())
        consume("RegistrationEmailVerified", registration_id, {"email": email, "locale": "ja"})
        form = {"tenant_id": A, "applicant": {k: v for k, v in applicant(email).items() if k != "_email"},
                "document_type": "運転免許証", "images": {"front": image_b64()}}
        answer = client.post(f"/internal/registrations/{registration_id}/application", json=form,
                             headers=trust.headers("gateway"))
        assert answer.status_code == 201, answer.json
        return registration_id, str(answer.json["application_id"])

    # A graduate of A (approved, account linked) and an application of A awaiting review.
    _, approved = submit("a-grad@example.jp")
    decided = client.post(f"/internal/staff/applications/{approved}/decision", headers=staff_a,
                          json={"decision": "approve", "student_number": "L08001"})
    assert decided.status_code == 200, decided.json
    consume("AccountActivated", "account-a", {"email": "a-grad@example.jp", "locale": "ja", "application_id": approved,
                                              "secret_ref": "ref", "expires_at": "2030-01-01T00:00:00+00:00",
                                              "login_url": "https://example.jp/login"})
    registration, waiting = submit("a-waiting@example.jp")
    detail = client.get(f"/internal/staff/applications/{waiting}", headers=staff_a).json
    history_before = client.get("/internal/staff/tenant-profile/history",
                                headers=trust.headers("admin", Actor(A, "s", "staff", ("tenant_admin",)))).json
    profile_before = client.get("/internal/account/profile",
                                headers=trust.headers("gateway", Actor(A, "account-a", "graduate"))).json
    assert profile_before["profile"], profile_before
    changes = {"mobile_phone": "090-9999-9999"}
    bodies = {("POST", "/internal/staff/applications/{application_id}/decision"): {"decision": "approve",
                                                                                  "student_number": "L08002"},
              ("PATCH", "/internal/account/profile"): {"tenant_id": B, "changes": changes},
              ("POST", "/internal/account/profile-checks"): {"tenant_id": B, "changes": changes},
              ("POST", "/internal/account/student-number-applications"): {
                  "tenant_id": B, "applicant": {k: v for k, v in applicant("x@example.jp").items() if k != "_email"}},
              ("PUT", "/internal/staff/tenant-profile"): {"profile": {"accent": "#123456"}}}
    # print-gateway reads the record of an approved number of A's graduate (the demo records).
    record_a = "/internal/tenants/{}/accounts/{}/records/{}"
    printer = trust.headers("print-gateway")
    assert client.get(record_a.format(A, "account-a", "L08001"), headers=printer).status_code == 200
    yield Walk("enrollment", app, {"application_id": waiting, "document_id": detail["documents"][0]["id"],
                                   "registration_id": registration, "tenant_id": A, "account_id": "account-a",
                                   "student_number": "L08001"}, bodies,
               {waiting, approved, "a-grad@example.jp", "a-waiting@example.jp", A}, "account-a")
    # Only A's approved number of A's account is ever answered: not under B's name, not for
    # another account, not for a number the account was never approved for.
    for tenant, account, number in ((B, "account-a", "L08001"), (A, "account-b", "L08001"),
                                    (A, "account-a", "E10042")):
        refused = client.get(record_a.format(tenant, account, number), headers=printer)
        assert (refused.status_code, refused.json) == (404, {"code": "record_not_found"}), (tenant, account, number)
    # After the walk: A's application still waits, A's profile and the graduate's data are as they were.
    assert client.get(f"/internal/staff/applications/{waiting}", headers=staff_a).json["status"] == "submitted"
    assert client.get("/internal/staff/tenant-profile/history",
                      headers=trust.headers("admin", Actor(A, "s", "staff", ("tenant_admin",)))).json == history_before
    assert client.get("/internal/account/profile",
                      headers=trust.headers("gateway", Actor(A, "account-a", "graduate"))).json == profile_before
    engine.dispose()


@pytest.fixture
def notifier_walk(new_database: Callable[[str], str]) -> Iterator[Walk]:
    from shomei_notifier.bootstrap import bootstrap
    from shomei_notifier.entrypoints.web import create_app
    from shomei_notifier.settings import NotifierSettings
    from shomei_shared.db import make_engine, migrate

    url = new_database("notifier_trust")
    migrate(url, Path(project_root() / "services" / "notifier" / "migrations"))
    engine = make_engine(url, pool_size=2)
    started = Envelope(type="RegistrationStarted", version=1, tenant_id=A, aggregate_id="registration-a",
                       aggregate_version=1, payload={"email": "a-new@example.jp", "locale": "ja",
                                                     "secret_ref": "ref-a", "expires_at": "2030-01-01T00:00:00+00:00"})
    with engine.begin() as conn:
        bootstrap(engine).consume(started, conn)
    app = create_app(NotifierSettings(environment="test", database_url=url, **session_trust().settings("notifier")))
    auditor_a = session_trust().headers("admin", Actor(A, "staff-a", "staff", ("auditor",)))
    assert len(app.test_client().get("/internal/deliveries", headers=auditor_a).json["deliveries"]) == 1
    yield Walk("notifier", app, {}, {}, {A, "registration-a", "a-new@example.jp"})
    engine.dispose()


@pytest.fixture
def ordering_walk(new_database: Callable[[str], str]) -> Iterator[Walk]:
    from shomei_ordering.entrypoints.demo_catalogues import SAKURA_UNIV
    from shomei_ordering.entrypoints.migrate import migrate_when_ready
    from shomei_ordering.entrypoints.seed_demo import seed
    from shomei_ordering.entrypoints.web import create_app
    from shomei_ordering.settings import OrderingSettings
    from shomei_shared.db import make_engine

    url = new_database("ordering_trust")
    migrate_when_ready(url)
    engine = make_engine(url, pool_size=2)
    seed(engine)
    app = create_app(OrderingSettings(environment="test", database_url=url, **session_trust().settings("ordering")),
                     engine=engine)
    client, trust = app.test_client(), session_trust()
    graduate_a = trust.headers("gateway", Actor(A, "account-a", "graduate"))
    admin_a = trust.headers("admin", Actor(A, "s", "staff", ("tenant_admin",)))
    order = {"idempotency_key": "confirmation-a-0001", "student_number": "A-L08001", "enrollment_status": "卒業",
             "programme": "学部", "print_channel": "netprint", "payment_method": "paypal",
             "lines": [{"type": "graduation", "copies": 1}]}
    placed = client.post("/internal/orders", json=order, headers=graduate_a)
    assert placed.status_code == 201, placed.json
    order_id = placed.json["order_id"]
    history_before = client.get("/internal/staff/catalogue/history", headers=admin_a).json
    bodies = {("POST", "/internal/orders"): {**order, "idempotency_key": "confirmation-b-0001",
                                             "student_number": "B-S1001"},
              ("PUT", "/internal/staff/catalogue"): {"catalogue": SAKURA_UNIV}}
    yield Walk("ordering", app, {"order_id": order_id}, bodies, {order_id, "A-L08001", "confirmation-a-0001", A},
               "account-a")
    # After the walk: A's order is still placed, A's catalogue has its one version.
    assert client.get(f"/internal/orders/{order_id}", headers=graduate_a).json["status"] == "placed"
    assert client.get("/internal/staff/catalogue/history", headers=admin_a).json == history_before


@pytest.fixture
def payment_walk(new_database: Callable[[str], str]) -> Iterator[Walk]:
    from shomei_payment.domain.heard import OrderPlaced
    from shomei_payment.entrypoints.migrate import migrate_when_ready
    from shomei_payment.entrypoints.web import create_app
    from shomei_payment.settings import PaymentSettings
    from shomei_shared.db import make_engine

    url = new_database("payment_trust")
    migrate_when_ready(url)
    engine = make_engine(url, pool_size=2)
    # PayPal is never reached: every call of the walk is refused before the service layer, or is
    # B's, naming A's order, which B's cannot see.
    app = create_app(PaymentSettings(environment="test", database_url=url, paypal_api_url="http://127.0.0.1:9",
                                     **session_trust().settings("payment")), engine=engine)
    now = datetime.now(UTC)
    order_id = f"order-a-{uuid.uuid4()}"
    app.extensions["service"].handle(OrderPlaced(tenant_id=A, aggregate_id=order_id, account_id="account-a",
                                                 payment_method="paypal", total=1500, deadline=now, ends_at=now))
    client, trust = app.test_client(), session_trust()
    graduate_a = trust.headers("gateway", Actor(A, "account-a", "graduate"))
    assert client.get(f"/internal/payments/{order_id}", headers=graduate_a).json["status"] == "created"
    back = {"return_url": "https://b.example/back", "cancel_url": "https://b.example/cancel"}
    bodies = {("POST", "/internal/payments/paypal"): {"order_id": order_id, **back},
              ("POST", "/internal/payments/paypal/return"): {"order_id": order_id},
              ("POST", "/internal/payments/smartpit"): {"order_id": order_id}}
    yield Walk("payment", app, {"order_id": order_id}, bodies, {order_id, A}, "account-a")
    # After the walk: A's payment was neither started nor captured.
    assert client.get(f"/internal/payments/{order_id}", headers=graduate_a).json["status"] == "created"
    engine.dispose()
    engine.dispose()


@pytest.fixture
def print_gateway_walk(new_database: Callable[[str], str]) -> Iterator[Walk]:
    from datetime import timedelta

    from certificate_rows import insert_certificate

    from shomei_print_gateway.domain.heard import OrderPaid, OrderPlaced
    from shomei_print_gateway.entrypoints.migrate import migrate_when_ready
    from shomei_print_gateway.entrypoints.web import create_app
    from shomei_print_gateway.settings import PrintGatewaySettings
    from shomei_shared.db import make_engine

    url = new_database("print_gateway_trust")
    migrate_when_ready(url)
    engine = make_engine(url, pool_size=2)
    # No provider is reached: nothing is submitted in a web request, and B's retry of A's order is refused.
    app = create_app(PrintGatewaySettings(environment="test", database_url=url, netprint_url="http://127.0.0.1:9",
                                          sharpprint_url="http://127.0.0.1:9", enrollment_url="http://127.0.0.1:9",
                                          **session_trust().settings("print-gateway")), engine=engine)
    now = datetime.now(UTC)
    order_id = f"order-a-{uuid.uuid4()}"
    service = app.extensions["service"]
    service.handle(OrderPlaced(tenant_id=A, aggregate_id=order_id, account_id="account-a", student_number="A-L08001",
                               print_channel="netprint", lines=[{"type": "graduation", "name_ja": "卒業証明書",
                                                                  "name_en": "Certificate of Graduation",
                                                                  "copies": 1, "pages": 1}],
                               deadline=now + timedelta(days=6), ends_at=now + timedelta(days=7)))
    service.handle(OrderPaid(tenant_id=A, aggregate_id=order_id, payment_id="pay-a", paid_at=now))
    certificate = insert_certificate(engine, A, account_id="account-a", order_id="order-a",
                                     holder_name="証明 花子", certificate_number="A-CERT-0001",
                                     issued_on=now.date(), issued_at=now)
    client, trust = app.test_client(), session_trust()
    graduate_a = trust.headers("gateway", Actor(A, "account-a", "graduate"))
    before = client.get(f"/internal/print-orders/{order_id}", headers=graduate_a).json
    assert before["status"] == "waiting", before
    bodies = {("POST", "/internal/staff/certificates/{certificate_id}/revocation"): {"reason": "B's reason"},
              ("POST", "/internal/verifications"): {"tenant_id": B, "code": certificate["verification_code"]}}
    yield Walk("print-gateway", app, {"order_id": order_id, "certificate_id": certificate["certificate_id"]}, bodies,
               {order_id, "A-L08001", "pay-a", certificate["certificate_id"], "証明 花子", "A-CERT-0001",
                certificate["verification_code"], "order-a"}, "account-a")
    # After the walk: A's order still waits for its submission, and A's certificate is still valid.
    assert client.get(f"/internal/print-orders/{order_id}", headers=graduate_a).json == before
    assert client.get(f"/internal/staff/certificates/{certificate['certificate_id']}",
                      headers=trust.headers("admin", Actor(A, "s", "staff", ("registrar",)))).json["status"] == "valid"
    # A's certificate is in A's page counts (issue 10), never in B's.
    counts = {tenant: client.get("/internal/staff/page-counts", headers=trust.headers(
        "admin", Actor(tenant, "s", "staff", ("auditor",)))).json["page_counts"] for tenant in (A, B)}
    assert [c["certificates"] for c in counts[A]] == [1] and counts[B] == [], counts
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM events")).scalar() == 0
    engine.dispose()


def other_tenant_actor(declaration: Declaration, walk: Walk) -> Actor:
    """B's person naming A's things: a graduate of B claiming A's account id, or B's staff."""
    if declaration.acting == "graduate":
        return Actor(B, walk.graduate_a, "graduate")
    return Actor(B, "staff-b", "staff", (declaration.role or "reviewer",))


def without_role(declaration: Declaration) -> tuple[str, ...]:
    if declaration.role is None:
        return ()  # staff with no role at all
    return tuple(sorted(ROLES - {declaration.role, "tenant_admin"}))


def walk_service(walk: Walk, tally: Tally) -> None:
    trust = session_trust()
    client = walk.app.test_client()
    rightful_document = trust.headers("admin")
    assert client.get("/internal/openapi.json").status_code == 401
    document = client.get("/internal/openapi.json", headers=rightful_document).json
    operations = [(method.upper(), path) for path, item in document["paths"].items() for method in item
                  if method in {"get", "post", "put", "patch", "delete"}]
    # Every internal route is documented, so the walk cannot miss one.
    routes = {(method, rule.rule) for rule in walk.app.url_map.iter_rules() if rule.rule.startswith("/internal/")
              for method in rule.methods or () if method not in {"HEAD", "OPTIONS"}}
    documented = {(m, p.replace("{", "<").replace("}", ">")) for m, p in operations}
    assert routes - documented - {("GET", "/internal/openapi.json")} == set(), "undocumented internal routes"
    forged = new_trust_kit()
    tally.endpoints[walk.service] = len(operations)
    # Not for the public: metrics and readiness's details answer the monitor only (ADR 0040).
    for _ in range(assert_monitoring_is_not_public(client, "gateway")):
        tally.count("metrics or readiness's details without the monitor credential")
    for method, template in operations:
        declaration = declaration_at(walk.app, method, template)
        assert declaration is not None, f"{walk.service} {method} {template} has no @callers declaration"
        path = walk.path(template)
        body = walk.bodies.get((method, template), {})
        caller = sorted(declaration.callers)[0]

        def call(case: str, headers: dict[str, str], *, method: str = method, path: str = path,
                 body: Any = body) -> Any:
            tally.count(case)
            return client.open(path, method=method, headers=headers,
                               **({"json": body} if method != "GET" else {}))

        def refused(case: str, headers: dict[str, str], statuses: set[int], *, where: str = f"{method} {template}"
                    ) -> None:
            answer = call(case, headers)
            assert answer.status_code in statuses, (walk.service, where, case, answer.status_code, answer.json)

        refused("no credential", {}, {401})
        refused("wrong secret", {"Authorization": f"Bearer {caller}.{forged.secrets[caller]}"}, {401})
        for other in CALLERS:
            if not declaration.admits(other):
                refused("another service's credential", trust.headers(other), {403})
        if declaration.acting == "nobody":
            continue
        kind = declaration.acting
        rightful = Actor(A, walk.graduate_a if kind == "graduate" else "staff-a", kind,
                         (declaration.role or "reviewer",) if kind == "staff" else ())
        refused("no assertion", trust.headers(caller), {401})
        refused("forged assertion", {**trust.headers(caller), ASSERTION_HEADER: forged.assertion(rightful)}, {401})
        wrong_kind = Actor(A, "someone", "staff" if kind == "graduate" else "graduate",
                           ("tenant_admin",) if kind == "graduate" else ())
        refused("wrong kind of person", trust.headers(caller, wrong_kind), {403})
        if kind == "staff":
            refused("staff without the role", trust.headers(caller, Actor(A, "staff-a", "staff",
                                                                          without_role(declaration))), {403})
        case = "graduate of another tenant" if kind == "graduate" else "staff of another tenant"
        answer = call(case, trust.headers(caller, other_tenant_actor(declaration, walk)))
        shown = answer.get_data(as_text=True)
        # Refused, or answered about B's own university: nothing of A's shows (and nothing of A's
        # changes: each fixture checks A's state after the walk).
        leaked = [marker for marker in walk.markers if marker in shown]
        assert not leaked, (walk.service, method, template, case, answer.status_code, leaked)


def test_every_internal_endpoint_refuses_whoever_is_not_entitled(
        identity_walk: Walk, enrollment_walk: Walk, notifier_walk: Walk, ordering_walk: Walk, payment_walk: Walk,
        print_gateway_walk: Walk, capsys: pytest.CaptureFixture[str]) -> None:
    tally = Tally()
    for walk in (identity_walk, enrollment_walk, notifier_walk, ordering_walk, payment_walk, print_gateway_walk):
        walk_service(walk, tally)
    with capsys.disabled():
        print(f"\ntrust boundaries: {sum(tally.endpoints.values())} internal endpoints "
              f"({json.dumps(tally.endpoints)}), {sum(tally.cases.values())} refused calls:")
        for case, count in sorted(tally.cases.items()):
            print(f"  {count:4d}  {case}")
    assert set(tally.endpoints) == {"identity", "enrollment", "notifier", "ordering", "payment", "print-gateway"}
    assert all(tally.endpoints.values())
    assert tally.cases["graduate of another tenant"] and tally.cases["staff of another tenant"]
    assert tally.cases["staff without the role"] and tally.cases["another service's credential"]
