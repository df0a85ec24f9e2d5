"""The gateway's OrderingApi: the same cases against its fake (tests/ordering_fakes.py) and its
HTTP adapter talking to the real ordering service on real PostgreSQL, so the screens' tests on
the fake say something about the real service.

A test of the suite, not of one service: it is the one place allowed to read both sides."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import pytest
from ordering_fakes import FakeOrdering

from shomei_devtools.browser import served
from shomei_devtools.trust import session_trust
from shomei_gateway.adapters.ordering_http import HttpOrdering
from shomei_gateway.service_layer.ordering import OrderingApi, OrderRequest
from shomei_gateway.service_layer.ports import UpstreamError
from shomei_ordering.bootstrap import bootstrap
from shomei_ordering.entrypoints.migrate import MIGRATIONS
from shomei_ordering.entrypoints.seed_demo import seed
from shomei_ordering.entrypoints.web import create_app
from shomei_ordering.service_layer.ports import Dependencies
from shomei_ordering.settings import OrderingSettings
from shomei_shared.clock import FakeClock
from shomei_shared.db import make_engine, migrate
from shomei_shared.web.assertions import Actor
from shomei_shared.web.client import InternalClient

START = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)  # 2026-04-01 10:00 JST
TENANT = "demo-univ"


@dataclass
class Acting:
    """Who the adapter's calls are made for: the gateway sends identity's assertion of them."""

    account_id: str = "account-1"
    travel: Callable[[datetime], None] = lambda _moment: None  # sets ordering's clock

    def assertion(self) -> str:
        return session_trust().assertion(Actor(TENANT, self.account_id, "graduate"))


@pytest.fixture
def real_ordering(new_database: Callable[[str], str]) -> Iterator[tuple[HttpOrdering, Acting]]:
    url = new_database("ordering")
    migrate(url, MIGRATIONS)
    engine = make_engine(url, pool_size=4)
    seed(engine)
    clock = FakeClock(START)
    service = bootstrap(engine, Dependencies(clock=clock, new_id=lambda: str(uuid.uuid4())))
    app = create_app(OrderingSettings(environment="test", database_url=url, **session_trust().settings("ordering")),
                     service, engine)
    acting = Acting(travel=clock.set)
    try:
        with served(app) as base:
            client = InternalClient(base, session_trust().credential("gateway"), assertion=acting.assertion)
            yield HttpOrdering(client), acting
    finally:
        engine.dispose()


@pytest.fixture(params=["fake", "http"])
def api(request: pytest.FixtureRequest) -> tuple[OrderingApi, Acting]:
    if request.param == "fake":
        fake = FakeOrdering(now=START)
        return fake, Acting(travel=lambda moment: setattr(fake, "now", moment))
    found: tuple[HttpOrdering, Acting] = request.getfixturevalue("real_ordering")
    return found


def basket(key: str = "confirmation-page-0001", **changes: object) -> OrderRequest:
    values: dict[str, object] = {"idempotency_key": key, "student_number": "L08001", "enrollment_status": "卒業",
                                 "programme": "学部", "print_channel": "netprint", "payment_method": "smartpit",
                                 "lines": (("graduation", 2), ("transcript", 1))}
    return OrderRequest(**{**values, **changes})  # type: ignore[arg-type]


def test_the_catalogue_of_the_graduates_university(api: tuple[OrderingApi, Acting]) -> None:
    ordering, acting = api
    catalogue = ordering.catalogue(TENANT, acting.account_id)
    graduation = catalogue.type_of("graduation")
    assert graduation is not None and (graduation.fee, graduation.pages, graduation.statuses) == (500, 1, ("卒業",))
    assert catalogue.usage_fee == 200 and catalogue.payment_methods == ("paypal", "smartpit")
    assert set(catalogue.print_charges) == {"netprint", "sharp"}
    assert "completion" not in {t.code for t in catalogue.orderable("卒業", "学部")}


def test_one_key_is_one_order_with_its_amounts_deadline_and_history(api: tuple[OrderingApi, Acting]) -> None:
    ordering, acting = api
    first = ordering.place(TENANT, acting.account_id, basket())
    again = ordering.place(TENANT, acting.account_id, basket(lines=(("graduation", 1),)))  # the key names the page
    assert first == again
    (listed,) = ordering.orders(TENANT, acting.account_id)
    assert (listed.id, listed.status, listed.total, listed.copies, listed.unpaid) == (first, "placed", 1700, 3, True)
    order = ordering.order(TENANT, acting.account_id, first)
    assert order is not None
    assert order.deadline == datetime(2026, 4, 7, 14, 59, 59, tzinfo=UTC)  # 2026-04-07 23:59:59 JST
    assert order.placed_at == START and (order.usage_fee, order.print_estimate) == (200, 80)
    assert [(line.type, line.name_ja, line.copies, line.fee, line.pages) for line in order.lines] == [
        ("graduation", "卒業証明書", 2, 500, 1), ("transcript", "成績証明書", 1, 500, 2)]
    assert [entry.event for entry in order.history] == ["OrderPlaced"]


@pytest.mark.parametrize(("changes", "fields"), [
    ({"lines": (("graduation", 20), ("transcript", 1))}, {"lines"}),
    ({"lines": ()}, {"lines"}),
    ({"lines": (("completion", 1),)}, {"lines.0.type"}),
    ({"lines": (("transcript", 1), ("graduation", 0))}, {"lines.1.copies"}),
    ({"payment_method": "cash"}, {"payment_method"}),
])
def test_refusals_name_the_field_the_screen_shows_them_at(api: tuple[OrderingApi, Acting], changes: dict[str, object],
                                                          fields: set[str]) -> None:
    ordering, acting = api
    with pytest.raises(UpstreamError) as refused:
        ordering.place(TENANT, acting.account_id, basket(**changes))
    assert refused.value.status == 400 and set(refused.value.errors) == fields
    assert ordering.orders(TENANT, acting.account_id) == []


def test_an_unpaid_order_is_cancelled_once_and_only_by_its_graduate(api: tuple[OrderingApi, Acting]) -> None:
    ordering, acting = api
    order_id = ordering.place(TENANT, acting.account_id, basket())
    acting.account_id = "account-2"
    assert ordering.order(TENANT, "account-2", order_id) is None
    assert ordering.orders(TENANT, "account-2") == []
    with pytest.raises(UpstreamError) as missing:
        ordering.cancel(TENANT, "account-2", order_id)
    assert missing.value.status == 404
    acting.account_id = "account-1"
    ordering.cancel(TENANT, "account-1", order_id)
    ordering.cancel(TENANT, "account-1", order_id)  # asked again: answered from its state
    cancelled = ordering.order(TENANT, "account-1", order_id)
    assert cancelled is not None and cancelled.status == "cancelled" and not cancelled.unpaid
    assert [entry.event for entry in cancelled.history] == ["OrderPlaced", "OrderCancelled"]


def test_a_quote_is_what_the_order_placed_from_it_records(api: tuple[OrderingApi, Acting]) -> None:
    ordering, acting = api
    quoted = ordering.quote(TENANT, acting.account_id, basket())
    assert (quoted.total, quoted.usage_fee, quoted.print_estimate) == (1700, 200, 80)
    assert quoted.deadline == datetime(2026, 4, 7, 14, 59, 59, tzinfo=UTC)  # 2026-04-07 23:59:59 JST
    assert [(line.type, line.name_ja, line.copies, line.fee, line.pages) for line in quoted.lines] == [
        ("graduation", "卒業証明書", 2, 500, 1), ("transcript", "成績証明書", 1, 500, 2)]
    assert ordering.orders(TENANT, acting.account_id) == []  # a quote stores nothing

    order_id = ordering.place(TENANT, acting.account_id, replace(basket(), confirmed_deadline=quoted.deadline))
    order = ordering.order(TENANT, acting.account_id, order_id)
    assert order is not None
    assert (order.total, order.usage_fee, order.print_estimate, order.deadline, order.lines) == (
        quoted.total, quoted.usage_fee, quoted.print_estimate, quoted.deadline, quoted.lines)
    with pytest.raises(UpstreamError) as refused:
        ordering.quote(TENANT, acting.account_id, basket(lines=(("completion", 1),)))
    assert refused.value.status == 400 and set(refused.value.errors) == {"lines.0.type"}


def test_a_deadline_that_changed_at_midnight_is_refused_not_placed(api: tuple[OrderingApi, Acting]) -> None:
    ordering, acting = api
    acting.travel(datetime(2026, 4, 1, 14, 59, 30, tzinfo=UTC))  # 23:59:30 JST
    confirmed = ordering.quote(TENANT, acting.account_id, basket()).deadline
    acting.travel(datetime(2026, 4, 1, 15, 0, 30, tzinfo=UTC))  # 00:00:30 JST: the next day
    with pytest.raises(UpstreamError) as refused:
        ordering.place(TENANT, acting.account_id, replace(basket(), confirmed_deadline=confirmed))
    assert refused.value.status == 409 and set(refused.value.errors) == {"deadline"}
    assert ordering.orders(TENANT, acting.account_id) == []
    now_due = ordering.quote(TENANT, acting.account_id, basket()).deadline
    assert now_due - confirmed == timedelta(days=1)
    order_id = ordering.place(TENANT, acting.account_id, replace(basket(), confirmed_deadline=now_due))
    # Placed already: the same page sent again is answered with its order, whatever it confirmed.
    assert ordering.place(TENANT, acting.account_id, replace(basket(), confirmed_deadline=confirmed)) == order_id


def test_an_unpaid_orders_payment_method_changes_once_per_click_with_history(api: tuple[OrderingApi, Acting]) -> None:
    ordering, acting = api
    order_id = ordering.place(TENANT, acting.account_id, basket(payment_method="paypal"))
    assert ordering.change_payment_method(TENANT, "account-1", order_id, "smartpit") == "smartpit"
    assert ordering.change_payment_method(TENANT, "account-1", order_id, "smartpit") == "smartpit"  # a double click
    changed = ordering.order(TENANT, "account-1", order_id)
    assert changed is not None and changed.payment_method == "smartpit"
    assert [entry.event for entry in changed.history] == ["OrderPlaced", "OrderPaymentMethodChanged"]
    with pytest.raises(UpstreamError) as refused:
        ordering.change_payment_method(TENANT, "account-1", order_id, "bitcoin")
    assert refused.value.status == 400 and set(refused.value.errors) == {"payment_method"}

    acting.account_id = "account-2"
    with pytest.raises(UpstreamError) as missing:
        ordering.change_payment_method(TENANT, "account-2", order_id, "paypal")
    assert missing.value.status == 404
    acting.account_id = "account-1"
    ordering.cancel(TENANT, "account-1", order_id)
    with pytest.raises(UpstreamError) as closed:
        ordering.change_payment_method(TENANT, "account-1", order_id, "paypal")
    assert closed.value.status == 409 and set(closed.value.errors) == {"payment_method"}
