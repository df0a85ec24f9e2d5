"""Ordering and payment through real Kafka, each with its own credentials and ACLs: an order placed
reaches the payment consumer (a payment opens), and the payment's PaymentCaptured reaches the
ordering consumer (the order is paid). The topics and ACLs are the ones start-up derives from each
service's topics.txt and consumer entrypoint."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, text

from shomei_devtools.kafka import LocalKafka
from shomei_ordering.bootstrap import bootstrap as ordering_bootstrap
from shomei_ordering.domain.order import Eligibility, Line
from shomei_ordering.entrypoints import consumer as ordering_consumer
from shomei_ordering.entrypoints.migrate import MIGRATIONS as ORDERING_MIGRATIONS
from shomei_ordering.entrypoints.seed_demo import seed
from shomei_ordering.service_layer.commands import PlaceOrder
from shomei_payment.bootstrap import bootstrap as payment_bootstrap
from shomei_payment.domain.payment import payment_id_for
from shomei_payment.entrypoints import consumer as payment_consumer
from shomei_payment.entrypoints.migrate import MIGRATIONS as PAYMENT_MIGRATIONS
from shomei_payment.service_layer.commands import ApplySmartPitNotice, RegisterSmartPitBill
from shomei_shared.consumer.consumer import IdempotentConsumer, kafka_consumer
from shomei_shared.db import make_engine, migrate
from shomei_shared.outbox.publisher import InMemoryPublisher, KafkaPublisher
from shomei_shared.outbox.relay import OutboxRelay
from shomei_shared.service import Service


class OneBill:
    """Smart Pit as far as this test needs it: one number (the simulator is tested elsewhere)."""

    def register_bill(self, bill_id: str, amount: int, due: datetime) -> str:
        return "4929000000013"


def no_paypal() -> Any:
    return object()  # never called: this order is paid by Smart Pit


@contextmanager
def consuming(kafka: LocalKafka, user: str, engine: Engine, group: str, topics: list[str],
              service: Service[Any]) -> Iterator[None]:
    consumer = IdempotentConsumer(engine, group, service.consume, InMemoryPublisher())
    stop = threading.Event()
    source = kafka_consumer(kafka.connection(user), group, topics)
    worker = threading.Thread(target=consumer.run, args=(source, stop), daemon=True)
    worker.start()
    try:
        yield
    finally:
        stop.set()
        worker.join(timeout=30)
        source.close()


def until(condition: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)
    return condition()


def types(engine: Engine, aggregate_id: str) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT type FROM events WHERE aggregate_id = :a ORDER BY aggregate_version"),
                                 {"a": aggregate_id}).scalars())


def test_an_order_opens_a_payment_and_its_capture_pays_the_order_over_kafka(
        kafka_server: LocalKafka, new_topic: Callable[..., str], new_database: Callable[[str], str]) -> None:
    for topic in (*ordering_consumer.TOPICS, *payment_consumer.TOPICS):
        new_topic(name=topic)
    ordering_url, payment_url = new_database("ordering_kafka"), new_database("payment_kafka")
    migrate(ordering_url, ORDERING_MIGRATIONS)
    migrate(payment_url, PAYMENT_MIGRATIONS)
    ordering_engine, payment_engine = make_engine(ordering_url, pool_size=4), make_engine(payment_url, pool_size=4)
    seed(ordering_engine)
    ordering = ordering_bootstrap(ordering_engine)
    payment = payment_bootstrap(payment_engine, no_paypal(), OneBill())

    order_id = ordering.handle(PlaceOrder(
        tenant_id="demo-univ", account_id="account-1", idempotency_key=uuid.uuid4().hex,
        eligibility=Eligibility("L08001", "卒業", "学部"), print_channel="netprint", payment_method="smartpit",
        lines=(Line("transcript", 2),)))
    OutboxRelay(ordering_engine, lambda: KafkaPublisher(kafka_server.connection("ordering")),
                name="ordering-kafka-test").run_once()
    with consuming(kafka_server, "payment", payment_engine, payment_consumer.GROUP, payment_consumer.TOPICS, payment):
        assert until(lambda: types(payment_engine, payment_id_for(order_id)) == ["PaymentOpened"])

    number = payment.handle(RegisterSmartPitBill(tenant_id="demo-univ", account_id="account-1", order_id=order_id))
    with payment_engine.connect() as conn:
        amount = conn.execute(text("SELECT amount FROM payments WHERE order_id = :o"), {"o": order_id}).scalar_one()
    paid_at = datetime.now(UTC) - timedelta(minutes=1)
    payment.handle(ApplySmartPitNotice(notice={
        "notice_id": "n-1", "notice_type": "quick", "smartpit_number": number, "bill_id": order_id,
        "payment_id": "SP-1", "amount": amount, "paid_at": paid_at.isoformat()}))
    relay = OutboxRelay(payment_engine, lambda: KafkaPublisher(kafka_server.connection("payment")),
                        name="payment-kafka-test")
    relay.run_once()
    with consuming(kafka_server, "ordering", ordering_engine, ordering_consumer.GROUP, ordering_consumer.TOPICS,
                   ordering):
        assert until(lambda: "OrderPaid" in types(ordering_engine, order_id))

    assert types(ordering_engine, order_id) == ["OrderPlaced", "OrderPaid"]
    ordering_engine.dispose()
    payment_engine.dispose()
