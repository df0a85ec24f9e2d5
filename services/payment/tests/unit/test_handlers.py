"""payment's handlers on fakes: the service built from its handler tables, as the bootstrap builds
it, with an in-memory unit of work, a PayPal that answers what a test queues, and a clock."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from shomei_payment.adapters.event_schemas import heard_events, make_registry
from shomei_payment.domain import heard
from shomei_payment.domain.payment import payment_id_for
from shomei_payment.entrypoints.messages import CATALOGUE
from shomei_payment.service_layer.commands import (
    ApplyPayPalWebhook,
    ApplySmartPitNotice,
    CapturePayPalPayment,
    ReconcilePayPal,
    RegisterSmartPitBill,
    StartPayPalPayment,
)
from shomei_payment.service_layer.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from shomei_payment.service_layer.payments import WebhookReplayed
from shomei_payment.service_layer.ports import CaptureResult, Dependencies, PaymentUnitOfWork, Row
from shomei_shared.clock import FakeClock
from shomei_shared.errors import Conflict, NotFound
from shomei_shared.service import Service, build_service
from shomei_shared.uow import FakeUnitOfWork

NOW = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)
ORDER = "order-1"


class FakePaymentRepository:
    def __init__(self) -> None:
        self.rows: dict[str, Row] = {}
        self.events: set[str] = set()
        self.transmissions: set[str] = set()

    def save(self, row: Row) -> None:
        self.rows[row["id"]] = dict(row)

    def get(self, payment_id: str) -> Row | None:
        return self.rows.get(payment_id)

    def stuck(self, before: datetime, limit: int) -> list[Row]:
        return [row for row in self.rows.values() if row["method"] == "paypal" and row["paypal_order_id"]
                and row["status"] in ("created", "approved", "pending") and row["updated_at"] < before][:limit]

    def first_notice(self, notice_id: str, notice_type: str, at: datetime) -> bool:
        if notice_id in self.events:
            return False
        self.events.add(notice_id)
        return True

    def first_webhook(self, event_id: str, transmission_id: str, event_type: str, at: datetime) -> str:
        if transmission_id in self.transmissions:
            return "replayed"
        self.transmissions.add(transmission_id)
        if event_id in self.events:
            return "duplicate"
        self.events.add(event_id)
        return "new"


class FakePaymentUnitOfWork(FakeUnitOfWork, PaymentUnitOfWork):
    payments: FakePaymentRepository

    def __init__(self) -> None:
        super().__init__(make_registry())
        self.payments = FakePaymentRepository()


@dataclass
class FakePayPal:
    captures: list[CaptureResult] = field(default_factory=list)
    created: list[str] = field(default_factory=list)  # the PayPal-Request-Ids of the orders made
    capture_requests: list[str] = field(default_factory=list)

    def create_order(self, request_id: str, invoice_id: str, amount: int, return_url: str,
                     cancel_url: str) -> tuple[str, str]:
        self.created.append(request_id)
        return f"PP-{len(self.created)}", f"https://paypal.test/checkoutnow?token=PP-{len(self.created)}"

    def capture(self, paypal_order_id: str, request_id: str) -> CaptureResult:
        self.capture_requests.append(request_id)
        return self.captures.pop(0)


class FakeSmartPit:
    def __init__(self) -> None:
        self.bills: list[str] = []

    def register_bill(self, bill_id: str, amount: int, due: datetime) -> str:
        self.bills.append(bill_id)
        return "4929000000013"


@pytest.fixture
def uow() -> FakePaymentUnitOfWork:
    return FakePaymentUnitOfWork()


@pytest.fixture
def paypal() -> FakePayPal:
    return FakePayPal()


@pytest.fixture
def service(uow: FakePaymentUnitOfWork, paypal: FakePayPal) -> Service[PaymentUnitOfWork]:
    deps = Dependencies(clock=FakeClock(NOW), new_id=lambda: "unused")
    service = build_service("payment", unit_of_work=lambda _connection: uow, commands=COMMAND_HANDLERS,
                            events=EVENT_HANDLERS, heard=heard_events(),
                            dependencies={"deps": deps, "paypal": paypal, "smartpit": FakeSmartPit()})
    placed = heard.OrderPlaced(tenant_id="demo-univ", aggregate_id=ORDER, account_id="account-1",
                               payment_method="paypal", total=1500, deadline=NOW + timedelta(days=6),
                               ends_at=NOW + timedelta(days=7))
    service.handle(placed)
    service.handle(placed)  # heard twice (a redelivery): one payment
    return service


def start(service: Service[PaymentUnitOfWork], account: str = "account-1") -> str:
    url: str = service.handle(StartPayPalPayment(tenant_id="demo-univ", account_id=account, order_id=ORDER,
                                                 return_url="https://x.test/r", cancel_url="https://x.test/c"))
    return url


def back(service: Service[PaymentUnitOfWork]) -> str:
    status: str = service.handle(CapturePayPalPayment(tenant_id="demo-univ", account_id="account-1", order_id=ORDER))
    return status


def types(uow: FakePaymentUnitOfWork) -> list[str]:
    return [envelope.type for envelope in uow.store.load(payment_id_for(ORDER))]


def webhook(event_id: str, event_type: str, resource: dict[str, Any], transmission: str = "") -> ApplyPayPalWebhook:
    return ApplyPayPalWebhook(transmission_id=transmission or f"t-{event_id}",
                              event={"id": event_id, "event_type": event_type, "resource": resource})


def capture(capture_id: str = "CAP-1", value: str = "1500", **more: Any) -> dict[str, Any]:
    return {"id": capture_id, "invoice_id": ORDER, "amount": {"currency_code": "JPY", "value": value},
            "supplementary_data": {"related_ids": {"order_id": "PP-1"}}, **more}


def test_an_order_heard_twice_opens_one_payment_for_its_total(service: Service[PaymentUnitOfWork],
                                                             uow: FakePaymentUnitOfWork) -> None:
    assert types(uow) == ["PaymentOpened"]
    assert uow.payments.rows[payment_id_for(ORDER)]["amount"] == 1500


def test_start_makes_one_paypal_order_under_the_payment_id_and_answers_it_again(
        service: Service[PaymentUnitOfWork], paypal: FakePayPal) -> None:
    assert start(service) == start(service)
    assert paypal.created == [payment_id_for(ORDER)]


def test_another_graduates_order_is_as_missing_as_none(service: Service[PaymentUnitOfWork]) -> None:
    with pytest.raises(NotFound):
        start(service, account="account-2")


def test_a_completed_capture_pays_once_however_often_the_graduate_returns(
        service: Service[PaymentUnitOfWork], uow: FakePaymentUnitOfWork, paypal: FakePayPal) -> None:
    start(service)
    paypal.captures = [CaptureResult("COMPLETED", "CAP-1", 1500)]
    assert back(service) == back(service) == "captured"
    assert types(uow).count("PaymentCaptured") == 1 and len(paypal.capture_requests) == 1
    with pytest.raises(Conflict):
        start(service)


def test_an_instrument_declined_lets_the_graduate_approve_the_same_paypal_order_again(
        service: Service[PaymentUnitOfWork], paypal: FakePayPal) -> None:
    first = start(service)
    paypal.captures = [CaptureResult("INSTRUMENT_DECLINED"), CaptureResult("COMPLETED", "CAP-1", 1500)]
    assert back(service) == "declined"
    assert start(service) == first and len(paypal.created) == 1
    assert back(service) == "captured"


def test_a_declined_capture_lets_the_graduate_retry_with_a_new_paypal_order(
        service: Service[PaymentUnitOfWork], paypal: FakePayPal) -> None:
    first = start(service)
    paypal.captures = [CaptureResult("DECLINED", "CAP-1", 1500), CaptureResult("COMPLETED", "CAP-2", 1500)]
    assert back(service) == "declined"
    assert start(service) != first
    assert paypal.created == [payment_id_for(ORDER), f"{payment_id_for(ORDER)}.2"]
    assert back(service) == "captured"
    assert len(set(paypal.capture_requests)) == 2  # each PayPal order its own capture request id


def test_not_approved_is_refused_and_changes_nothing(service: Service[PaymentUnitOfWork],
                                                    uow: FakePaymentUnitOfWork, paypal: FakePayPal) -> None:
    start(service)
    paypal.captures = [CaptureResult("ORDER_NOT_APPROVED")]
    with pytest.raises(Conflict) as refused:
        back(service)
    assert refused.value.first.code == "payment_not_approved"
    assert types(uow) == ["PaymentOpened", "PayPalOrderCreated"]


def test_a_return_with_another_payments_token_captures_nothing(
        service: Service[PaymentUnitOfWork], uow: FakePaymentUnitOfWork, paypal: FakePayPal) -> None:
    start(service)
    paypal.captures = [CaptureResult("COMPLETED", "CAP-1", 1500)]
    with pytest.raises(Conflict) as refused:
        service.handle(CapturePayPalPayment(tenant_id="demo-univ", account_id="account-1", order_id=ORDER,
                                            token="PP-OTHER"))
    assert refused.value.first.code == "paypal_token_mismatch" and paypal.capture_requests == []
    assert service.handle(CapturePayPalPayment(tenant_id="demo-univ", account_id="account-1", order_id=ORDER,
                                               token="PP-1")) == "captured"


def test_webhooks_in_reverse_order_and_twice_give_one_capture_then_one_refund(
        service: Service[PaymentUnitOfWork], uow: FakePaymentUnitOfWork) -> None:
    start(service)
    hooks = [webhook("WH-1", "CHECKOUT.ORDER.APPROVED", {"id": "PP-1", "purchase_units": [{"invoice_id": ORDER}]}),
             webhook("WH-2", "PAYMENT.CAPTURE.PENDING", capture(status_details={"reason": "PENDING_REVIEW"})),
             webhook("WH-3", "PAYMENT.CAPTURE.COMPLETED", capture()),
             webhook("WH-4", "PAYMENT.CAPTURE.REVERSED", capture())]
    for hook in reversed(hooks):
        service.handle(hook)
    for n, hook in enumerate(hooks):  # each again, as a new transmission
        assert service.handle(ApplyPayPalWebhook(transmission_id=f"again-{n}", event=hook.event)) == "duplicate"

    assert types(uow) == ["PaymentOpened", "PayPalOrderCreated", "PaymentCaptured", "PaymentRefunded"]


def test_the_same_transmission_again_is_a_replay(service: Service[PaymentUnitOfWork]) -> None:
    hook = webhook("WH-1", "PAYMENT.CAPTURE.COMPLETED", capture())
    service.handle(hook)
    with pytest.raises(WebhookReplayed):
        service.handle(hook)


def test_every_code_the_service_raises_has_sentences() -> None:
    source = "\n".join(path.read_text() for path in Path(__file__).parents[2].glob("src/**/*.py"))
    codes = set(re.findall(r'\.one\("([a-z_]+)"', source))
    assert codes and all(code in CATALOGUE for code in codes)


def test_smartpit_notices_in_any_order_a_cancelled_quick_notice_never_pays() -> None:
    from shomei_payment.domain.payment import Payment

    payment = Payment.open("demo-univ", ORDER, "account-1", "smartpit", 1700, NOW + timedelta(days=6),
                           NOW + timedelta(days=7))
    payment.bill_registered("4929000000013")
    payment.quick_cancelled("SP-1", NOW)  # the 速報取消 overtakes its 速報: nothing paid, nothing reversed
    payment.captured("SP-1", 1700, NOW)
    assert payment.status == "created"
    payment.confirm("SP-2", 1700, NOW)  # a 確報 before its 速報 pays, once
    payment.captured("SP-2", 1700, NOW)
    assert payment.status == "captured"
    assert [type(e).__name__ for e in payment.pending] == [
        "PaymentOpened", "SmartPitBillRegistered", "PaymentQuickCancelled", "PaymentCaptured", "PaymentConfirmed"]


def test_a_quick_cancellation_of_the_capture_that_paid_reverses_it_once() -> None:
    from shomei_payment.domain.payment import Payment

    payment = Payment.open("demo-univ", ORDER, "account-1", "smartpit", 1700, NOW + timedelta(days=6),
                           NOW + timedelta(days=7))
    payment.bill_registered("4929000000013")
    payment.captured("SP-1", 1700, NOW)
    payment.quick_cancelled("SP-1", NOW)
    payment.quick_cancelled("SP-1", NOW)  # the same 速報取消 told again
    assert payment.status == "created"
    reversed_ = [e for e in payment.pending if type(e).__name__ == "PaymentReversed"]
    assert [(e.order_id, e.capture_id, e.amount, e.reason) for e in reversed_] == [
        (ORDER, "SP-1", 1700, "quick_cancelled")]


def switched(order_id: str = ORDER, method: str = "smartpit") -> heard.OrderPaymentMethodChanged:
    return heard.OrderPaymentMethodChanged(tenant_id="demo-univ", aggregate_id=order_id, payment_method=method)


def test_a_paypal_order_left_for_smart_pit_is_never_captured_and_its_late_capture_is_not_counted(
        service: Service[PaymentUnitOfWork], uow: FakePaymentUnitOfWork, paypal: FakePayPal) -> None:
    start(service)  # PP-1, approved and then declined at the graduate's end
    service.handle(switched())
    service.handle(switched())  # heard twice
    with pytest.raises(Conflict):  # the browser comes back from PP-1's approval after all
        service.handle(CapturePayPalPayment(tenant_id="demo-univ", account_id="account-1", order_id=ORDER,
                                            token="PP-1"))
    assert service.handle(ReconcilePayPal(older_than=timedelta(0))) == 0
    assert paypal.capture_requests == []  # never captured by us
    number = service.handle(RegisterSmartPitBill(tenant_id="demo-univ", account_id="account-1", order_id=ORDER))

    # PayPal captures PP-1 anyway (a late webhook), twice: money not counted, once.
    service.handle(webhook("WH-LATE", "PAYMENT.CAPTURE.COMPLETED", capture("CAP-OLD")))
    service.handle(webhook("WH-LATE-2", "PAYMENT.CAPTURE.COMPLETED", capture("CAP-OLD")))
    assert uow.payments.rows[payment_id_for(ORDER)]["status"] == "created"  # still to be paid at a store
    service.handle(ApplySmartPitNotice(notice={
        "notice_id": "n-1", "notice_type": "quick", "smartpit_number": number, "bill_id": ORDER,
        "payment_id": "SP-1", "amount": 1500, "paid_at": NOW.isoformat()}))
    assert types(uow) == ["PaymentOpened", "PayPalOrderCreated", "PaymentMethodChanged", "SmartPitBillRegistered",
                          "PaymentNotCounted", "PaymentCaptured"]
    not_counted = next(e for e in uow.store.load(payment_id_for(ORDER)) if e.type == "PaymentNotCounted")
    assert (not_counted.payload["capture_id"], not_counted.payload["reason"]) == ("CAP-OLD", "abandoned_paypal_order")

    # And back to PayPal while unpaid is a new PayPal order, never the one left behind.
    service.handle(switched(method="paypal"))
    assert uow.payments.rows[payment_id_for(ORDER)]["method"] == "smartpit"  # paid meanwhile: that money stands


def test_a_second_payment_once_paid_is_not_counted(service: Service[PaymentUnitOfWork],
                                                   uow: FakePaymentUnitOfWork) -> None:
    service.handle(switched())
    number = service.handle(RegisterSmartPitBill(tenant_id="demo-univ", account_id="account-1", order_id=ORDER))
    for notice_id, paid in (("n-1", "SP-1"), ("n-2", "SP-2")):  # paid twice at the register
        service.handle(ApplySmartPitNotice(notice={
            "notice_id": notice_id, "notice_type": "quick", "smartpit_number": number, "bill_id": ORDER,
            "payment_id": paid, "amount": 1500, "paid_at": NOW.isoformat()}))
    assert types(uow)[-2:] == ["PaymentCaptured", "PaymentNotCounted"]


def test_switching_back_to_paypal_while_unpaid_makes_a_new_paypal_order(
        service: Service[PaymentUnitOfWork], uow: FakePaymentUnitOfWork, paypal: FakePayPal) -> None:
    start(service)
    service.handle(switched())
    service.handle(switched(method="paypal"))
    assert start(service).endswith("token=PP-2")
    assert paypal.created == [payment_id_for(ORDER), f"{payment_id_for(ORDER)}.2"]


def test_a_bill_left_for_paypal_paid_at_a_store_anyway_pays_as_smart_pit(service: Service[PaymentUnitOfWork],
                                                                         uow: FakePaymentUnitOfWork) -> None:
    service.handle(switched())
    number = service.handle(RegisterSmartPitBill(tenant_id="demo-univ", account_id="account-1", order_id=ORDER))
    service.handle(switched(method="paypal"))
    service.handle(ApplySmartPitNotice(notice={
        "notice_id": "n-1", "notice_type": "quick", "smartpit_number": number, "bill_id": ORDER,
        "payment_id": "SP-1", "amount": 1500, "paid_at": NOW.isoformat()}))
    captured = next(e for e in uow.store.load(payment_id_for(ORDER)) if e.type == "PaymentCaptured")
    assert captured.payload["method"] == "smartpit"
