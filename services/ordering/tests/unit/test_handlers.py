"""ordering's handlers on fakes: the service built from its handler tables, as the bootstrap
builds it, with an in-memory unit of work and a clock tests set."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from shomei_ordering.adapters.event_schemas import heard_events, make_registry
from shomei_ordering.domain import heard
from shomei_ordering.domain.quote import Eligibility, Line
from shomei_ordering.entrypoints.demo_catalogues import DEMO_UNIV
from shomei_ordering.service_layer.catalogues import catalogue_history, current_catalogue
from shomei_ordering.service_layer.commands import (
    CancelOrder,
    ChangeCatalogue,
    ChangePaymentMethod,
    ExpireDueOrders,
    MarkOrderPaid,
    PlaceOrder,
    QuoteOrder,
    RecordTransferRefund,
)
from shomei_ordering.service_layer.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from shomei_ordering.service_layer.ports import Dependencies, OrderingUnitOfWork, OrderSearch, Row
from shomei_ordering.service_layer.reversals import unapplied_of
from shomei_shared.clock import FakeClock
from shomei_shared.errors import Conflict, InvalidInput, NotFound
from shomei_shared.service import Service, build_service
from shomei_shared.uow import FakeUnitOfWork

START = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)


class FakeOrderRepository:
    def __init__(self) -> None:
        self.rows: dict[str, dict[str, object]] = {}
        self.unapplied_rows: dict[str, dict[str, object]] = {}

    def add(self, row: Row) -> bool:
        if row["id"] in self.rows:
            return False
        self.rows[row["id"]] = dict(row)
        return True

    def get(self, order_id: str) -> Row | None:
        return self.rows.get(order_id)

    def set_status(self, order_id: str, status: str, at: datetime) -> None:
        self.rows[order_id].update(status=status, status_at=at)

    def of_account(self, tenant_id: str, account_id: str) -> Sequence[Row]:
        return [r for r in self.rows.values() if (r["tenant_id"], r["account_id"]) == (tenant_id, account_id)]

    def search(self, tenant_id: str, search: OrderSearch) -> Sequence[Row]:
        return [r for r in self.rows.values() if r["tenant_id"] == tenant_id]

    def due(self, now: datetime, limit: int) -> Sequence[str]:
        return [str(r["id"]) for r in self.rows.values() if r["status"] == "placed" and r["ends_at"] <= now][:limit]

    def set_payment_method(self, order_id: str, method: str) -> None:
        self.rows[order_id]["payment_method"] = method

    def payment_reversed(self, order_id: str, at: datetime) -> None:
        self.rows[order_id]["payment_reversed_at"] = at

    def record_unapplied(self, row: Row) -> None:
        self.unapplied_rows[row["payment_id"]] = dict(row)

    def close_unapplied(self, payment_id: str, status: str, at: datetime, staff_id: str = "", note: str = "") -> None:
        self.unapplied_rows[payment_id].update(status=status, status_at=at, staff_id=staff_id, note=note)

    def unapplied(self, tenant_id: str) -> Sequence[Row]:
        return [r for r in self.unapplied_rows.values() if (r["tenant_id"], r["status"]) == (tenant_id, "open")]


class FakeOrderingUnitOfWork(FakeUnitOfWork, OrderingUnitOfWork):
    orders: FakeOrderRepository

    def __init__(self) -> None:
        super().__init__(make_registry())
        self.orders = FakeOrderRepository()


@pytest.fixture
def uow() -> FakeOrderingUnitOfWork:
    return FakeOrderingUnitOfWork()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def service(uow: FakeOrderingUnitOfWork, clock: FakeClock) -> Service[OrderingUnitOfWork]:
    ids = iter(f"id-{n}" for n in range(1, 100))
    deps = Dependencies(clock=clock, new_id=lambda: next(ids))
    built = build_service("ordering", unit_of_work=lambda _connection: uow, commands=COMMAND_HANDLERS,
                          events=EVENT_HANDLERS, dependencies={"deps": deps}, heard=heard_events())
    built.handle(ChangeCatalogue(tenant_id="demo-univ", staff_id="seed", catalogue=DEMO_UNIV))
    return built


def place(key: str = "confirm-0001", account: str = "account-1") -> PlaceOrder:
    return PlaceOrder(tenant_id="demo-univ", account_id=account, idempotency_key=key,
                      eligibility=Eligibility("L08001", "卒業", "学部"), print_channel="netprint",
                      payment_method="smartpit", lines=(Line("graduation", 2),))


def quote() -> QuoteOrder:
    return QuoteOrder(tenant_id="demo-univ", eligibility=Eligibility("L08001", "卒業", "学部"),
                      print_channel="netprint", payment_method="smartpit", lines=(Line("graduation", 2),))


def types_of(uow: FakeOrderingUnitOfWork, aggregate_id: str) -> list[str]:
    return [e.type for e in uow.store.load(aggregate_id)]


def test_the_same_idempotency_key_places_one_order(service: Service[OrderingUnitOfWork],
                                                   uow: FakeOrderingUnitOfWork) -> None:
    first = service.handle(place())

    assert service.handle(place()) == first
    assert service.handle(place(key="confirm-0002")) != first
    assert service.handle(place(account="account-2")) != first  # another graduate's key is theirs
    assert types_of(uow, first) == ["OrderPlaced"] and len(uow.orders.rows) == 3


def test_cancel_pays_and_expire_through_the_bus(service: Service[OrderingUnitOfWork], uow: FakeOrderingUnitOfWork,
                                                clock: FakeClock) -> None:
    cancelled, paid, unpaid = (service.handle(place(key=f"confirm-000{n}")) for n in range(3))
    service.handle(CancelOrder(tenant_id="demo-univ", order_id=cancelled, account_id="account-1"))
    assert service.handle(MarkOrderPaid("demo-univ", paid, "pay-1", 1200, START)) == "paid"
    assert service.handle(MarkOrderPaid("demo-univ", paid, "pay-1", 1200, START)) == "duplicate"

    clock.set(datetime(2026, 4, 7, 14, 59, 59, tzinfo=UTC))
    assert service.handle(ExpireDueOrders()) == 0
    clock.advance(timedelta(seconds=1))
    assert service.handle(ExpireDueOrders()) == 1
    assert service.handle(ExpireDueOrders()) == 0

    assert {k: r["status"] for k, r in uow.orders.rows.items()} == {
        cancelled: "cancelled", paid: "paid", unpaid: "expired"}
    assert types_of(uow, unpaid) == ["OrderPlaced", "OrderExpired"]
    assert service.handle(MarkOrderPaid("demo-univ", unpaid, "pay-2", 1200, clock.now())) == "expired"


def test_another_graduates_or_tenants_order_is_not_found(service: Service[OrderingUnitOfWork]) -> None:
    order_id = service.handle(place())
    with pytest.raises(NotFound):
        service.handle(CancelOrder(tenant_id="demo-univ", order_id=order_id, account_id="account-2"))
    with pytest.raises(NotFound):
        service.handle(MarkOrderPaid("sakura-univ", order_id, "pay-1", 1200, START))


def test_the_catalogue_and_its_history(service: Service[OrderingUnitOfWork], uow: FakeOrderingUnitOfWork) -> None:
    assert service.handle(ChangeCatalogue("demo-univ", "staff-1", {**DEMO_UNIV, "usage_fee": 0})) is True
    assert service.handle(ChangeCatalogue("demo-univ", "staff-1", {**DEMO_UNIV, "usage_fee": 0})) is False

    assert current_catalogue("demo-univ", uow).usage_fee == 0
    assert current_catalogue("sakura-univ", uow).types == ()
    assert [(h["version"], h["staff_id"]) for h in catalogue_history("demo-univ", uow)] == [(2, "staff-1"), (1, "seed")]


def test_money_the_order_cannot_take_leaves_its_status_and_its_time(service: Service[OrderingUnitOfWork],
                                                                   uow: FakeOrderingUnitOfWork) -> None:
    order_id = service.handle(place())
    later = START + timedelta(hours=2)

    assert service.handle(MarkOrderPaid("demo-univ", order_id, "pay-1", 1, later)) == "amount_mismatch"
    assert (uow.orders.rows[order_id]["status"], uow.orders.rows[order_id]["status_at"]) == ("placed", START)
    assert types_of(uow, order_id) == ["OrderPlaced", "PaymentNotApplied"]


def test_an_order_that_cannot_be_expired_does_not_hold_back_the_others(
        service: Service[OrderingUnitOfWork], uow: FakeOrderingUnitOfWork, clock: FakeClock) -> None:
    order_id = service.handle(place())
    broken = {**uow.orders.rows[order_id], "id": "no-events", "ends_at": START}  # due first, and has no stream
    uow.orders.rows = {"no-events": broken, **uow.orders.rows}
    clock.set(START + timedelta(days=8))

    assert service.handle(ExpireDueOrders()) == 1
    assert uow.orders.rows[order_id]["status"] == "expired" and uow.orders.rows["no-events"]["status"] == "placed"


def test_a_quote_is_what_placing_records_and_stores_nothing(service: Service[OrderingUnitOfWork],
                                                            uow: FakeOrderingUnitOfWork) -> None:
    quoted = service.handle(quote())
    assert (quoted.total, quoted.usage_fee, quoted.print_estimate) == (1200, 200, 40)
    assert quoted.deadline.last_moment == datetime(2026, 4, 7, 14, 59, 59, tzinfo=UTC)
    assert uow.orders.rows == {}

    order_id = service.handle(replace(place(), confirmed_deadline=quoted.deadline.last_moment))
    placed = uow.store.load(order_id)[0].payload
    assert (placed["total"], placed["usage_fee"], placed["print_estimate"]) == (1200, 200, 40)
    assert placed["lines"] == quoted.lines


def test_a_deadline_changed_since_the_confirmation_is_refused_not_placed(service: Service[OrderingUnitOfWork],
                                                                         uow: FakeOrderingUnitOfWork,
                                                                         clock: FakeClock) -> None:
    clock.set(datetime(2026, 4, 1, 14, 59, 30, tzinfo=UTC))  # 23:59:30 JST
    confirmed = service.handle(quote()).deadline.last_moment
    clock.advance(timedelta(seconds=60))  # 00:00:30 JST: one day later
    with pytest.raises(Conflict) as refused:
        service.handle(replace(place(), confirmed_deadline=confirmed))
    assert (refused.value.first.code, refused.value.first.field) == ("deadline_changed", "deadline")
    assert uow.orders.rows == {}
    again = service.handle(quote()).deadline.last_moment
    assert again - confirmed == timedelta(days=1)
    order_id = service.handle(replace(place(), confirmed_deadline=again))
    assert service.handle(replace(place(), confirmed_deadline=confirmed)) == order_id  # placed: answered as such


def reversal(order_id: str, payment_id: str, amount: int, at: datetime) -> heard.PaymentReversed:
    return heard.PaymentReversed(tenant_id="demo-univ", aggregate_id=payment_id, order_id=order_id, amount=amount,
                                 reason="quick_cancelled", reversed_at=at)


def test_a_reversed_payment_makes_the_order_unpaid_once_alerts_staff_and_the_payment_may_pay_again(
        service: Service[OrderingUnitOfWork], uow: FakeOrderingUnitOfWork) -> None:
    order_id = service.handle(place())
    total = int(uow.orders.rows[order_id]["total"])  # type: ignore[call-overload]
    later = START + timedelta(hours=2)
    assert service.handle(MarkOrderPaid("demo-univ", order_id, "pay-1", total, later)) == "paid"

    service.handle(reversal(order_id, "pay-1", total, later + timedelta(minutes=5)))
    service.handle(reversal(order_id, "pay-1", total, later + timedelta(minutes=6)))  # told again
    assert types_of(uow, order_id) == ["OrderPlaced", "OrderPaid", "OrderPaymentReversed"]
    assert uow.orders.rows[order_id]["status"] == "placed"
    assert uow.orders.rows[order_id]["payment_reversed_at"] == later + timedelta(minutes=5)

    # A new 速報 for the same bill is the same payment paying again.
    assert service.handle(MarkOrderPaid("demo-univ", order_id, "pay-1", total, later + timedelta(hours=1))) == "paid"


def test_a_reversal_after_the_deadline_leaves_the_order_expired(service: Service[OrderingUnitOfWork],
                                                                 uow: FakeOrderingUnitOfWork) -> None:
    order_id = service.handle(place())
    total = int(uow.orders.rows[order_id]["total"])  # type: ignore[call-overload]
    service.handle(MarkOrderPaid("demo-univ", order_id, "pay-1", total, START + timedelta(hours=2)))
    service.handle(reversal(order_id, "pay-1", total, START + timedelta(days=8)))

    assert types_of(uow, order_id) == ["OrderPlaced", "OrderPaid", "OrderPaymentReversed", "OrderExpired"]
    assert uow.orders.rows[order_id]["status"] == "expired"


def test_late_money_waits_in_the_list_until_staff_record_one_transfer_refund_with_a_reason(
        service: Service[OrderingUnitOfWork], uow: FakeOrderingUnitOfWork) -> None:
    order_id = service.handle(place())
    total = int(uow.orders.rows[order_id]["total"])  # type: ignore[call-overload]
    late = START + timedelta(days=8)
    assert service.handle(MarkOrderPaid("demo-univ", order_id, "pay-1", total, late)) == "expired"
    [listed] = unapplied_of("demo-univ", uow)
    assert (listed["order_id"], listed["amount"], listed["student_number"], listed["reason"]) == (
        order_id, total, "L08001", "expired")
    assert unapplied_of("sakura-univ", uow) == []

    with pytest.raises(InvalidInput) as refused:
        service.handle(RecordTransferRefund("demo-univ", "staff-1", order_id, "pay-1", " "))
    assert [(v.field, v.code) for v in refused.value.violations] == [("reason", "required")]
    for _click in range(2):  # a double click
        service.handle(RecordTransferRefund("demo-univ", "staff-1", order_id, "pay-1", "振込済み（4/10）"))

    assert types_of(uow, order_id).count("UnappliedPaymentRefunded") == 1
    assert unapplied_of("demo-univ", uow) == []
    assert uow.orders.unapplied_rows["pay-1"]["staff_id"] == "staff-1"
    with pytest.raises(Conflict):
        service.handle(RecordTransferRefund("demo-univ", "staff-1", order_id, "pay-2", "no such money"))


def test_money_not_applied_then_taken_back_leaves_the_list(service: Service[OrderingUnitOfWork],
                                                           uow: FakeOrderingUnitOfWork) -> None:
    order_id = service.handle(place())
    total = int(uow.orders.rows[order_id]["total"])  # type: ignore[call-overload]
    service.handle(MarkOrderPaid("demo-univ", order_id, "pay-1", total, START + timedelta(days=8)))
    service.handle(reversal(order_id, "pay-1", total, START + timedelta(days=8, hours=1)))

    assert types_of(uow, order_id)[-1] == "UnappliedPaymentReversed"
    assert unapplied_of("demo-univ", uow) == []


def test_an_unpaid_order_changes_its_payment_method_with_history_and_a_double_click_changes_it_once(
        service: Service[OrderingUnitOfWork], uow: FakeOrderingUnitOfWork, clock: FakeClock) -> None:
    order_id = service.handle(place())  # Smart Pit
    change = ChangePaymentMethod("demo-univ", "account-1", order_id, "paypal")
    assert service.handle(change) == "paypal"
    assert service.handle(change) == "paypal"  # a double click
    assert service.handle(ChangePaymentMethod("demo-univ", "account-1", order_id, "smartpit")) == "smartpit"
    assert types_of(uow, order_id) == ["OrderPlaced", "OrderPaymentMethodChanged", "OrderPaymentMethodChanged"]
    assert uow.orders.rows[order_id]["payment_method"] == "smartpit"

    with pytest.raises(InvalidInput) as refused:
        service.handle(ChangePaymentMethod("demo-univ", "account-1", order_id, "bitcoin"))
    assert [(v.field, v.code) for v in refused.value.violations] == [("payment_method", "payment_method_not_offered")]
    with pytest.raises(NotFound):
        service.handle(ChangePaymentMethod("demo-univ", "account-2", order_id, "paypal"))  # another's order
    total = int(uow.orders.rows[order_id]["total"])  # type: ignore[call-overload]
    service.handle(MarkOrderPaid("demo-univ", order_id, "pay-1", total, START + timedelta(hours=1)))
    with pytest.raises(Conflict):
        service.handle(ChangePaymentMethod("demo-univ", "account-1", order_id, "paypal"))  # paid


def test_money_the_payment_could_not_count_is_money_not_applied_once(service: Service[OrderingUnitOfWork],
                                                                     uow: FakeOrderingUnitOfWork) -> None:
    order_id = service.handle(place())
    stray = heard.PaymentNotCounted(tenant_id="demo-univ", aggregate_id="pay-1", order_id=order_id,
                                    capture_id="CAP-OLD", amount=1200, reason="abandoned_paypal_order",
                                    received_at=START + timedelta(hours=3))
    service.handle(stray)
    service.handle(stray)
    assert types_of(uow, order_id) == ["OrderPlaced", "PaymentNotApplied"]
    [money] = unapplied_of("demo-univ", uow)
    assert (money["payment_id"], money["reason"], money["amount"]) == ("pay-1.CAP-OLD", "method_changed", 1200)
