"""MarkOrderPaid on PostgreSQL: the same capture told twice at once pays once; money for an order
that cannot take it is recorded once. And the demo catalogues: seeded once, a tenant admin's change
survives a second seeding."""

from __future__ import annotations

import threading
import uuid

from sqlalchemy import Engine

from shomei_ordering.domain.quote import Eligibility, Line
from shomei_ordering.entrypoints.demo_catalogues import DEMO_UNIV
from shomei_ordering.entrypoints.seed_demo import seed
from shomei_ordering.service_layer.catalogues import catalogue_history, current_catalogue
from shomei_ordering.service_layer.commands import CancelOrder, ChangeCatalogue, MarkOrderPaid, PlaceOrder
from shomei_ordering.service_layer.ports import OrderingUnitOfWork
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.service import Service

from .conftest import START, events


def place(service: Service[OrderingUnitOfWork]) -> str:
    order_id: str = service.handle(PlaceOrder(
        tenant_id="demo-univ", account_id="account-1", idempotency_key=uuid.uuid4().hex,
        eligibility=Eligibility("L08001", "卒業", "学部"), print_channel="netprint", payment_method="paypal",
        lines=(Line("transcript", 2),)))
    return order_id


def test_one_capture_told_twice_at_once_pays_the_order_once(service: Service[OrderingUnitOfWork],
                                                           engine: Engine) -> None:
    order_id = place(service)
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def tell() -> None:
        start.wait()
        outcomes.append(service.handle(MarkOrderPaid("demo-univ", order_id, "capture-1", 1200, START)))

    threads = [threading.Thread(target=tell) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["duplicate", "paid"]
    assert [e["type"] for e in events(engine, order_id)] == ["OrderPlaced", "OrderPaid"]


def test_money_for_a_cancelled_order_is_recorded_once_for_a_refund(service: Service[OrderingUnitOfWork],
                                                                  engine: Engine) -> None:
    order_id = place(service)
    service.handle(CancelOrder(tenant_id="demo-univ", order_id=order_id, account_id="account-1"))

    assert service.handle(MarkOrderPaid("demo-univ", order_id, "capture-1", 1200, START)) == "cancelled"
    assert service.handle(MarkOrderPaid("demo-univ", order_id, "capture-1", 1200, START)) == "duplicate"
    recorded = [e["payload"] for e in events(engine, order_id) if e["type"] == "PaymentNotApplied"]
    assert [(p["payment_id"], p["reason"]) for p in recorded] == [("capture-1", "cancelled")]


def test_seeding_twice_keeps_a_tenant_admins_change(service: Service[OrderingUnitOfWork], engine: Engine) -> None:
    service.handle(ChangeCatalogue("demo-univ", "admin-1", {**DEMO_UNIV, "usage_fee": 0}))

    assert seed(engine) == []
    assert current_catalogue("demo-univ", service.uow()).usage_fee == 0
    assert [h["staff_id"] for h in catalogue_history("demo-univ", service.uow())] == ["admin-1", "seed"]
    assert current_catalogue("sakura-univ", service.uow()).type_of("expected_graduation") is not None


def test_payment_captured_heard_twice_pays_the_order_once(service: Service[OrderingUnitOfWork],
                                                          engine: Engine) -> None:
    order_id = place(service)
    total = events(engine, order_id)[0]["payload"]["total"]
    captured = Envelope(type="PaymentCaptured", version=1, tenant_id="demo-univ", aggregate_id="payment-1",
                        aggregate_version=3, payload={"order_id": order_id, "method": "paypal", "amount": total,
                                                      "capture_id": "CAP-1", "captured_at": START.isoformat()})
    for _ in range(2):  # a redelivery from Kafka
        with engine.begin() as connection:
            service.consume(captured, connection)

    paid = [e["payload"] for e in events(engine, order_id) if e["type"] == "OrderPaid"]
    assert [(p["payment_id"], p["amount"]) for p in paid] == [("payment-1", total)]
