"""The gateway's PaymentApi: the same cases against its fake (tests/payment_fakes.py) and its HTTP
adapter talking to the real payment service (real PostgreSQL) and the PayPal and Smart Pit
simulators, so the payment screens' tests on the fake say something about the real service.

A test of the suite, not of one service: it is the one place allowed to read both sides."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from payment_fakes import FakePayment

from shomei_devtools.trust import session_trust
from shomei_gateway.adapters.payment_http import HttpPayment
from shomei_gateway.service_layer.payment import PaymentApi
from shomei_gateway.service_layer.ports import UpstreamError
from shomei_payment.bootstrap import bootstrap
from shomei_payment.domain import heard
from shomei_payment.entrypoints.migrate import MIGRATIONS
from shomei_payment.entrypoints.web import create_app, paypal_client, smartpit_client
from shomei_payment.settings import PaymentSettings
from shomei_shared.db import make_engine, migrate
from shomei_shared.web.assertions import Actor
from shomei_shared.web.client import InternalClient
from shomei_simulators.paypal import PayPalConfig
from shomei_simulators.paypal import create_app as create_paypal
from shomei_simulators.smartpit import SmartPitConfig
from shomei_simulators.smartpit import create_app as create_smartpit
from shomei_simulators.testing import Served

TENANT = "demo-univ"
RETURN = "http://gateway.test/demo-univ/orders/x/paypal/return"
CANCEL = "http://gateway.test/demo-univ/orders/x/paypal/cancel"
# The graduate's choice on PayPal's approval page, as the fake's outcome → the simulator's instrument.
INSTRUMENTS = {"ok": "card_ok", "declined": "capture_declined", "pending": "capture_pending"}


@dataclass
class World:
    """The payment API with what happens around it: ordering's OrderPlaced heard, PayPal approved."""

    api: PaymentApi
    hear: Callable[[str, str, str, int], None]  # account, order id, method, total
    approve: Callable[[str, str, str], None]  # order id, approve URL, outcome
    switch: Callable[[str, str], None]  # order id, method: ordering's OrderPaymentMethodChanged heard
    account_id: str = "account-1"

    def assertion(self) -> str:
        return session_trust().assertion(Actor(TENANT, self.account_id, "graduate"))


def fake_world() -> World:
    fake = FakePayment()

    def approve(order_id: str, _approve_url: str, outcome: str) -> None:
        fake.approve(order_id, outcome)

    def switch(order_id: str, method: str) -> None:
        fake.follow(fake.payments[order_id], method)

    return World(fake, lambda account, order_id, method, total: fake.hear(TENANT, account, order_id, method, total),
                 approve, switch)


@pytest.fixture
def real_world(new_database: Callable[[str], str], tmp_path: Path) -> Iterator[World]:
    url = new_database("payment")
    migrate(url, MIGRATIONS)
    engine = make_engine(url, pool_size=4)
    paypal, smartpit = Served(create_paypal(PayPalConfig())), Served(create_smartpit(SmartPitConfig()))
    ca = tmp_path / "paypal-ca.pem"
    ca.write_bytes(requests.get(paypal.url + "/_sim/ca.pem", timeout=10).content)
    settings = PaymentSettings(environment="test", database_url=url, paypal_api_url=paypal.url, paypal_ca_file=str(ca),
                               smartpit_api_url=smartpit.url, **session_trust().settings("payment"))
    service = bootstrap(engine, paypal_client(settings), smartpit_client(settings))
    served = Served(create_app(settings, service, engine))

    def hear(account: str, order_id: str, method: str, total: int) -> None:
        now = datetime.now(UTC)
        service.handle(heard.OrderPlaced(tenant_id=TENANT, aggregate_id=order_id, account_id=account,
                                         payment_method=method, total=total, deadline=now + timedelta(days=6),
                                         ends_at=now + timedelta(days=7)))

    def approve(_order_id: str, approve_url: str, outcome: str) -> None:  # the browser posts PayPal's form
        answer = requests.post(f"{paypal.url}/checkoutnow", timeout=10, allow_redirects=False, data={
            "token": approve_url.split("token=")[1], "instrument": INSTRUMENTS[outcome], "action": "approve"})
        assert answer.status_code == 303, answer.text

    def switch(order_id: str, method: str) -> None:
        service.handle(heard.OrderPaymentMethodChanged(tenant_id=TENANT, aggregate_id=order_id, payment_method=method))

    # The adapter asks who it calls for at each call: the world's graduate at that moment.
    client = InternalClient(served.url, session_trust().credential("gateway"), assertion=lambda: world.assertion())
    world = World(HttpPayment(client), hear, approve, switch)
    try:
        yield world
    finally:
        for server in (served, smartpit, paypal):
            server.stop()
        engine.dispose()


@pytest.fixture(params=["fake", "http"])
def world(request: pytest.FixtureRequest) -> World:
    if request.param == "fake":
        return fake_world()
    found: World = request.getfixturevalue("real_world")
    return found


def heard_order(world: World, method: str = "paypal", total: int = 1700) -> str:
    order_id = str(uuid.uuid4())
    world.hear(world.account_id, order_id, method, total)
    return order_id


def approved(world: World, order_id: str, outcome: str = "ok") -> tuple[str, str]:
    """お支払いへ, then the graduate's choice at PayPal: the approval URL and PayPal's token."""
    approve_url = world.api.start_paypal(TENANT, world.account_id, order_id, RETURN, CANCEL)
    world.approve(order_id, approve_url, outcome)
    return approve_url, approve_url.split("token=")[1]


def refused(call: Callable[[], object]) -> int:
    with pytest.raises(UpstreamError) as refusal:
        call()
    assert refusal.value.errors, "a refusal says why"
    return refusal.value.status


def test_an_order_not_yet_heard_is_not_found(world: World) -> None:
    order_id, me = str(uuid.uuid4()), world.account_id
    assert refused(lambda: world.api.start_paypal(TENANT, me, order_id, RETURN, CANCEL)) == 404
    assert refused(lambda: world.api.smartpit_bill(TENANT, me, order_id)) == 404
    assert world.api.payment(TENANT, me, order_id) is None


def test_paypal_start_twice_then_one_capture_however_often_returned(world: World) -> None:
    order_id, me = heard_order(world), world.account_id
    found = world.api.payment(TENANT, me, order_id)
    assert found is not None and (found.method, found.amount, found.paid) == ("paypal", 1700, False)
    approve_url = world.api.start_paypal(TENANT, me, order_id, RETURN, CANCEL)
    assert world.api.start_paypal(TENANT, me, order_id, RETURN, CANCEL) == approve_url  # a double click
    token = approve_url.split("token=")[1]
    assert refused(lambda: world.api.paypal_return(TENANT, me, order_id, token)) == 409  # not approved yet
    world.approve(order_id, approve_url, "ok")
    assert world.api.paypal_return(TENANT, me, order_id, token) == "captured"
    assert world.api.paypal_return(TENANT, me, order_id, token) == "captured"  # the back button
    paid = world.api.payment(TENANT, me, order_id)
    assert paid is not None and paid.paid
    assert refused(lambda: world.api.start_paypal(TENANT, me, order_id, RETURN, CANCEL)) == 409


def test_a_foreign_token_captures_nothing(world: World) -> None:
    order_id, me = heard_order(world), world.account_id
    _url, token = approved(world, order_id)
    assert refused(lambda: world.api.paypal_return(TENANT, me, order_id, "5O190127TN364715T")) == 409
    found = world.api.payment(TENANT, me, order_id)
    assert found is not None and not found.paid
    assert world.api.paypal_return(TENANT, me, order_id, token) == "captured"


def test_a_declined_capture_then_a_new_paypal_order_is_paid(world: World) -> None:
    order_id, me = heard_order(world), world.account_id
    first, token = approved(world, order_id, "declined")
    assert world.api.paypal_return(TENANT, me, order_id, token) == "declined"
    second, token = approved(world, order_id)  # that PayPal order is over: a new one
    assert second != first and world.api.paypal_return(TENANT, me, order_id, token) == "captured"


def test_a_pending_capture_is_pending_and_not_started_again(world: World) -> None:
    order_id, me = heard_order(world), world.account_id
    assert world.api.paypal_return(TENANT, me, order_id, approved(world, order_id, "pending")[1]) == "pending"
    found = world.api.payment(TENANT, me, order_id)
    assert found is not None and found.status == "pending" and not found.paid
    assert refused(lambda: world.api.start_paypal(TENANT, me, order_id, RETURN, CANCEL)) == 409


def test_a_smartpit_bill_once_and_each_method_only_for_its_orders(world: World) -> None:
    me = world.account_id
    smartpit, paypal = heard_order(world, "smartpit"), heard_order(world, "paypal")
    number = world.api.smartpit_bill(TENANT, me, smartpit)
    assert len(number) == 13 and number.isdigit()
    assert world.api.smartpit_bill(TENANT, me, smartpit) == number
    assert refused(lambda: world.api.start_paypal(TENANT, me, smartpit, RETURN, CANCEL)) == 409
    assert refused(lambda: world.api.smartpit_bill(TENANT, me, paypal)) == 409


def test_another_graduates_payment_is_as_missing_as_none(world: World) -> None:
    order_id = heard_order(world)
    world.account_id = "account-2"
    assert world.api.payment(TENANT, "account-2", order_id) is None
    assert refused(lambda: world.api.start_paypal(TENANT, "account-2", order_id, RETURN, CANCEL)) == 404


def test_a_declined_paypal_payment_switched_to_smart_pit_gets_a_bill_and_back_a_new_paypal_order(world: World) -> None:
    order_id, me = heard_order(world), world.account_id
    first, token = approved(world, order_id, "declined")
    assert world.api.paypal_return(TENANT, me, order_id, token) == "declined"
    world.switch(order_id, "smartpit")
    view = world.api.payment(TENANT, me, order_id)
    assert view is not None and (view.method, view.paid) == ("smartpit", False)
    number = world.api.smartpit_bill(TENANT, me, order_id)
    assert len(number) == 13 and world.api.smartpit_bill(TENANT, me, order_id) == number
    assert refused(lambda: world.api.start_paypal(TENANT, me, order_id, RETURN, CANCEL)) == 409
    assert refused(lambda: world.api.paypal_return(TENANT, me, order_id, token)) == 409  # never captured now

    world.switch(order_id, "paypal")  # and back, while unpaid
    second = world.api.start_paypal(TENANT, me, order_id, RETURN, CANCEL)
    assert second != first
