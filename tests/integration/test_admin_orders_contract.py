"""The console's OrdersApi, PaymentsApi and CatalogueEditorApi: the same cases against their fakes
(services/admin/tests/admin_fakes.py) and their HTTP adapters talking to the real ordering and
payment services on real PostgreSQL, so the console's tests on the fakes say something about
the real services.

A test of the suite, not of one service: it is the one place allowed to read all sides."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from admin_fakes import FakeCatalogueEditor, FakeOrders, FakePayments

from shomei_admin.adapters.orders_http import HttpCatalogueEditor, HttpOrders, HttpPayments
from shomei_admin.service_layer.ports import (
    CatalogueEditorApi,
    OrderFilter,
    OrdersApi,
    PaymentsApi,
    RefundRequest,
    StaffSession,
    UpstreamError,
)
from shomei_devtools.browser import served
from shomei_devtools.trust import session_trust
from shomei_ordering.bootstrap import bootstrap
from shomei_ordering.entrypoints.migrate import MIGRATIONS
from shomei_ordering.entrypoints.seed_demo import seed
from shomei_ordering.entrypoints.web import create_app as ordering_app
from shomei_ordering.service_layer.commands import MarkOrderPaid
from shomei_ordering.service_layer.ports import Dependencies
from shomei_ordering.settings import OrderingSettings
from shomei_payment.domain.heard import OrderPlaced
from shomei_payment.entrypoints.migrate import migrate_when_ready
from shomei_payment.entrypoints.web import create_app as payment_app
from shomei_payment.settings import PaymentSettings
from shomei_shared.clock import FakeClock
from shomei_shared.db import make_engine, migrate
from shomei_shared.web.assertions import Actor
from shomei_shared.web.client import InternalClient

START = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)  # 2026-04-01 10:00 JST
TENANT, OTHER = "demo-univ", "sakura-univ"
STAFF = StaffSession("staff-1", TENANT, "reviewer@demo-univ.example", ("reviewer",))
OTHER_STAFF = StaffSession("staff-2", OTHER, "reviewer@sakura-univ.example", ("reviewer",))
ADMIN = StaffSession("staff-3", TENANT, "admin@demo-univ.example", ("tenant_admin",))
REGISTRAR = StaffSession("staff-4", TENANT, "registrar@demo-univ.example", ("registrar",))


@dataclass
class Console:
    """Both ports, and a way to make orders (and their payments) as a graduate would."""

    orders: OrdersApi
    payments: PaymentsApi
    place: Callable[[str, str, datetime, bool], str]  # (tenant, student number, when, with a payment) → order id
    acting: list[StaffSession]
    catalogue: CatalogueEditorApi
    late_money: Callable[[str, str], str]  # (tenant, order id) → the payment id of money paid after its deadline

    def as_staff(self, member: StaffSession) -> None:
        self.acting[0] = member


@pytest.fixture
def real_console(new_database: Callable[[str], str]) -> Iterator[Console]:
    url = new_database("ordering")
    migrate(url, MIGRATIONS)
    engine = make_engine(url, pool_size=4)
    seed(engine)
    clock = FakeClock(START)
    ordering = ordering_app(OrderingSettings(environment="test", database_url=url,
                                             **session_trust().settings("ordering")),
                            bootstrap(engine, Dependencies(clock=clock, new_id=lambda: str(uuid.uuid4()))), engine)
    payment_url = new_database("payment")
    migrate_when_ready(payment_url)
    payment_engine = make_engine(payment_url, pool_size=2)
    # PayPal is never reached: the console only reads payments here.
    payment = payment_app(PaymentSettings(environment="test", database_url=payment_url,
                                          paypal_api_url="http://127.0.0.1:9", **session_trust().settings("payment")),
                          engine=payment_engine)
    acting = [STAFF]

    def assertion() -> str:
        member = acting[0]
        return session_trust().assertion(Actor(member.tenant_id, member.staff_id, "staff", member.roles))

    def place(tenant: str, student_number: str, when: datetime, with_payment: bool) -> str:
        clock.set(when)
        graduate = session_trust().headers("gateway", Actor(tenant, f"account-{student_number}", "graduate"))
        answer = ordering.test_client().post("/internal/orders", headers=graduate, json={
            "idempotency_key": f"key-{uuid.uuid4()}", "student_number": student_number,
            "enrollment_status": "卒業", "programme": "学部", "print_channel": "netprint",
            "payment_method": "paypal", "lines": [{"type": "graduation", "copies": 2}]})
        assert answer.status_code == 201, answer.json
        order_id = str(answer.json["order_id"])
        if with_payment:  # what payment's consumer does when it hears OrderPlaced
            payment.extensions["service"].handle(OrderPlaced(
                tenant_id=tenant, aggregate_id=order_id, account_id=f"account-{student_number}",
                payment_method="paypal", total=1200, deadline=when + timedelta(days=7), ends_at=when))
        return order_id

    def late_money(tenant: str, order_id: str) -> str:
        # What ordering's consumer does when it hears a capture after the deadline (a late 速報).
        ordering.extensions["service"].handle(MarkOrderPaid(tenant, order_id, f"pay-{order_id}", 1200,
                                                            START + timedelta(days=8)))
        return f"pay-{order_id}"

    try:
        with served(ordering) as ordering_base, served(payment) as payment_base:
            credential = session_trust().credential("admin")
            ordering_client = InternalClient(ordering_base, credential, assertion=assertion)
            yield Console(HttpOrders(ordering_client),
                          HttpPayments(InternalClient(payment_base, credential, assertion=assertion)), place, acting,
                          HttpCatalogueEditor(ordering_client), late_money)
    finally:
        engine.dispose()
        payment_engine.dispose()


def fake_console() -> Console:
    orders, payments = FakeOrders(), FakePayments()

    def place(tenant: str, student_number: str, when: datetime, with_payment: bool) -> str:
        order_id = str(uuid.uuid4())
        orders.add(tenant, order_id, student_number, "placed", when, 1200)
        if with_payment:
            payments.add(tenant, order_id, "created", 1200)
        return order_id

    def late_money(tenant: str, order_id: str) -> str:
        orders.add_unapplied(tenant, order_id, 1200, "expired")
        return f"pay-{order_id}"

    return Console(orders, payments, place, [STAFF], FakeCatalogueEditor(), late_money)


@pytest.fixture(params=["fake", "http"])
def console(request: pytest.FixtureRequest) -> Console:
    if request.param == "fake":
        return fake_console()
    found: Console = request.getfixturevalue("real_console")
    return found


def test_search_finds_the_universitys_orders_newest_first(console: Console) -> None:
    old = console.place(TENANT, "L08001", START, True)
    new = console.place(TENANT, "L08002", START + timedelta(days=3), False)
    console.place(OTHER, "L08001", START + timedelta(days=1), False)
    member = console.acting[0]
    assert [o.order_id for o in console.orders.search(member, OrderFilter())] == [new, old]
    (found,) = console.orders.search(member, OrderFilter(student_number="L08001"))
    assert (found.order_id, found.status, found.total, found.copies, found.placed_at) == (old, "placed", 1200, 2, START)
    assert [o.order_id for o in console.orders.search(member, OrderFilter(order_id=new))] == [new]
    assert console.orders.search(member, OrderFilter(status="paid")) == []
    # Days are JST days, both included.
    assert [o.order_id for o in console.orders.search(member, OrderFilter(first_day="2026-04-02",
                                                                          last_day="2026-04-04"))] == [new]


def test_a_date_that_does_not_exist_is_refused_at_its_field(console: Console) -> None:
    with pytest.raises(UpstreamError) as refused:
        console.orders.search(console.acting[0], OrderFilter(first_day="2026-02-30"))
    assert refused.value.status == 400 and set(refused.value.errors) == {"from"}


def test_an_order_with_its_history_and_payment_and_none_of_another_university(console: Console) -> None:
    order_id = console.place(TENANT, "L08001", START, True)
    unpaid = console.place(TENANT, "L08002", START, False)
    order = console.orders.order(STAFF, order_id)
    assert order.summary.order_id == order_id and order.lines == (("卒業証明書", 2),)
    assert [event.what for event in order.history] == ["OrderPlaced"] and order.history[0].correlation_id
    (payment,) = console.payments.payments(STAFF, order_id)
    assert (payment.method, payment.amount, payment.status) == ("paypal", 1200, "created")
    assert [event.what for event in payment.history] == ["PaymentOpened"]
    assert console.payments.payments(STAFF, unpaid) == []
    console.as_staff(OTHER_STAFF)
    with pytest.raises(UpstreamError) as missing:
        console.orders.order(OTHER_STAFF, order_id)
    assert missing.value.status == 404
    assert console.payments.payments(OTHER_STAFF, order_id) == []
    assert console.orders.search(OTHER_STAFF, OrderFilter()) == []


def test_a_tenant_admin_changes_the_catalogue_once_and_it_is_in_the_history(console: Console) -> None:
    console.as_staff(ADMIN)
    document = console.catalogue.catalogue(ADMIN)
    assert document["types"] and document["payment_methods"]
    before = len(console.catalogue.history(ADMIN))
    assert all(t["template"] == t["code"].removesuffix("_en") for t in document["types"])  # the demo's
    document["types"][0]["fee"] = 650
    document["types"][0]["template"] = "degree"
    assert console.catalogue.change_catalogue(ADMIN, document) is True
    assert console.catalogue.change_catalogue(ADMIN, document) is False  # the same again: no new version
    assert (console.catalogue.catalogue(ADMIN)["types"][0]["fee"],
            console.catalogue.catalogue(ADMIN)["types"][0]["template"]) == (650, "degree")
    newest, *older = console.catalogue.history(ADMIN)
    assert len(older) == before and newest.staff_id == ADMIN.staff_id and newest.catalogue["types"][0]["fee"] == 650
    assert newest.correlation_id


@pytest.mark.parametrize(("change", "fields"), [
    (lambda d: d["types"][0].update(fee="五百"), {"types.0.fee"}),
    (lambda d: d["types"][-1].update(pages=0), {"types.{last}.pages"}),
    (lambda d: d["types"][0].update(name_ja=""), {"types.0.name_ja"}),
    (lambda d: d["types"][0].update(statuses=[]), {"types.0.statuses"}),
    (lambda d: d["types"][0].update(template="diploma"), {"types.0.template"}),
    (lambda d: d["types"].append({**d["types"][0], "code": "credits", "name_ja": "単位修得証明書", "template": ""}),
     {"types.{last}.template"}),
    (lambda d: d.update(usage_fee=-1), {"usage_fee"}),
    (lambda d: d["print_charges"].update(sharp=5000), {"print_charges.sharp"}),
    (lambda d: d.update(payment_methods=[]), {"payment_methods"}),
])
def test_catalogue_refusals_name_the_editors_fields(console: Console, change: Callable[[dict[str, Any]], None],
                                                    fields: set[str]) -> None:
    console.as_staff(ADMIN)
    document = console.catalogue.catalogue(ADMIN)
    before = len(console.catalogue.history(ADMIN))
    change(document)
    with pytest.raises(UpstreamError) as refused:
        console.catalogue.change_catalogue(ADMIN, document)
    last = len(document["types"]) - 1
    assert refused.value.status == 400
    assert set(refused.value.errors) == {name.replace("{last}", str(last)) for name in fields}
    assert len(console.catalogue.history(ADMIN)) == before


def test_ordering_refuses_the_catalogue_to_staff_without_the_role(real_console: Console) -> None:
    real_console.as_staff(ADMIN)
    document = real_console.catalogue.catalogue(ADMIN)
    real_console.as_staff(STAFF)  # a reviewer: the console hides the editor, and ordering refuses it too
    for call in (lambda: real_console.catalogue.catalogue(STAFF),
                 lambda: real_console.catalogue.change_catalogue(STAFF, document),
                 lambda: real_console.catalogue.history(STAFF)):
        with pytest.raises(UpstreamError) as refused:
            call()
        assert refused.value.status == 403


def test_a_payment_not_captured_is_not_refunded_and_reviewers_refund_nothing(console: Console) -> None:
    # Refunds that PayPal makes are tested against its simulator (services/payment/tests/integration).
    order_id = console.place(TENANT, "L08001", START, True)
    (payment,) = console.payments.payments(STAFF, order_id)
    request = RefundRequest(payment.payment_id, "request-key-0001", 100, "二重申請")
    with pytest.raises(UpstreamError) as forbidden:
        console.payments.refund(STAFF, request)
    assert forbidden.value.status == 403
    console.as_staff(REGISTRAR)
    with pytest.raises(UpstreamError) as refused:
        console.payments.refund(REGISTRAR, request)
    assert refused.value.status == 409 and set(refused.value.errors) == {"amount"}
    assert payment.refundable == 0 and console.payments.payments(REGISTRAR, order_id)[0].refunded == 0


def test_money_not_applied_is_listed_and_its_transfer_refund_recorded_once_by_a_registrar(console: Console) -> None:
    order_id = console.place(TENANT, "L08001", START, False)
    payment_id = console.late_money(TENANT, order_id)
    (money,) = console.orders.unapplied(STAFF)
    assert (money.payment_id, money.order_id, money.student_number, money.amount, money.reason) == (
        payment_id, order_id, "L08001", 1200, "expired")
    console.as_staff(OTHER_STAFF)
    assert console.orders.unapplied(OTHER_STAFF) == []
    console.as_staff(STAFF)
    with pytest.raises(UpstreamError) as refused:
        console.orders.record_transfer_refund(STAFF, order_id, payment_id, "振込済み")
    assert refused.value.status == 403

    console.as_staff(REGISTRAR)
    with pytest.raises(UpstreamError) as refused:
        console.orders.record_transfer_refund(REGISTRAR, order_id, payment_id, " ")
    assert refused.value.status == 400 and "reason" in refused.value.errors
    console.orders.record_transfer_refund(REGISTRAR, order_id, payment_id, "4/10 振込済み")
    console.orders.record_transfer_refund(REGISTRAR, order_id, payment_id, "4/10 振込済み")  # a double click
    assert console.orders.unapplied(REGISTRAR) == []
    with pytest.raises(UpstreamError) as refused:
        console.orders.record_transfer_refund(REGISTRAR, order_id, "pay-unknown", "振込済み")
    assert refused.value.status == 409
