"""A payment process killed with SIGKILL between PayPal's capture and our commit, then restarted:
no second capture at PayPal, one `PaymentCaptured` in payment's event store and on Kafka, the
order paid once. The process is real (gunicorn serving the graduate's return, or the
reconciliation loop), made to die at that very moment by its test-only crash point
(SHOMEI_TEST_CRASH_POINT: shomei_shared.crash_points, entrypoints/crash_point.py), against real
PostgreSQL and Kafka and the
PayPal simulator; after the restart, PayPal's webhooks and the reconciliation settle the payment."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from kafka import KafkaConsumer, TopicPartition
from sqlalchemy import Engine, text

from shomei_devtools.consuming import consuming
from shomei_devtools.kafka import LocalKafka
from shomei_devtools.process import free_port, stop, wait_until
from shomei_devtools.trust import session_trust
from shomei_ordering.bootstrap import bootstrap as ordering_bootstrap
from shomei_ordering.domain.order import Eligibility, Line
from shomei_ordering.entrypoints import consumer as ordering_consumer
from shomei_ordering.entrypoints.migrate import MIGRATIONS as ORDERING_MIGRATIONS
from shomei_ordering.entrypoints.seed_demo import seed
from shomei_ordering.service_layer.commands import PlaceOrder
from shomei_payment.bootstrap import bootstrap as payment_bootstrap
from shomei_payment.domain.payment import payment_id_for
from shomei_payment.entrypoints import consumer as payment_consumer
from shomei_payment.entrypoints.crash_point import AFTER_PAYPAL_CAPTURE
from shomei_payment.entrypoints.migrate import MIGRATIONS as PAYMENT_MIGRATIONS
from shomei_payment.entrypoints.web import paypal_client, smartpit_client
from shomei_payment.service_layer.commands import StartPayPalPayment
from shomei_payment.settings import PaymentSettings
from shomei_shared.crash_points import VARIABLE
from shomei_shared.db import make_engine, migrate
from shomei_shared.kafka_net import client_config
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.outbox.publisher import KafkaPublisher
from shomei_shared.outbox.relay import OutboxRelay
from shomei_shared.web.assertions import Actor
from shomei_simulators.paypal import PayPalConfig
from shomei_simulators.paypal import create_app as create_paypal
from shomei_simulators.testing import Served, wait_for

TENANT, ACCOUNT = "demo-univ", "account-crash-1"


def event_types(engine: Engine, aggregate_id: str) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT type FROM events WHERE aggregate_id = :a ORDER BY aggregate_version"),
                                 {"a": aggregate_id}).scalars())


def on_kafka(kafka: LocalKafka, topic: str, aggregate_id: str) -> list[str]:
    """The types of every record of `aggregate_id` on `topic`, from the beginning to its end now."""
    reader = KafkaConsumer(**client_config(kafka.admin), enable_auto_commit=False)
    partitions = [TopicPartition(topic, p) for p in reader.partitions_for_topic(topic) or []]
    reader.assign(partitions)
    reader.seek_to_beginning()
    ends = reader.end_offsets(partitions)
    found: list[str] = []
    while any(reader.position(tp) < end for tp, end in ends.items()):
        for batch in reader.poll(timeout_ms=1000).values():
            found.extend(e.type for e in map(Envelope.from_json, (r.value for r in batch))
                         if e.aggregate_id == aggregate_id)
    reader.close()
    return found


class Processes:
    """payment's real processes, started as the Procfile starts them, each with this run's settings."""

    def __init__(self, env: dict[str, str], port: int, tmp_path: Path) -> None:
        self.env, self.port, self.logs = env, port, tmp_path
        self.running: list[subprocess.Popen[bytes]] = []

    def start(self, what: str, crash: bool = False) -> subprocess.Popen[bytes]:
        env = {**self.env, **({VARIABLE: AFTER_PAYPAL_CAPTURE} if crash else {})}
        command = ([sys.executable, "-m", "gunicorn", "-w", "1", "--threads", "4", "-b", f"127.0.0.1:{self.port}",
                    "shomei_payment.entrypoints.web:create_app()"] if what == "web"
                   else [sys.executable, "-m", "shomei_payment.entrypoints.reconcile"])
        log = (self.logs / f"{what}-{len(self.running)}.log").open("wb")
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.running.append(process)
        if what == "web":
            wait_until(lambda: requests.get(f"{self.url}/healthz", timeout=2).ok, timeout=60, what="payment web",
                       process=process)
        return process

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop_all(self) -> None:
        for process in self.running:
            stop(process, signal.SIGTERM, timeout=20, what="a payment process")
        self.running.clear()


@pytest.mark.slow
@pytest.mark.parametrize("crashing", ["web", "reconcile"])
def test_a_process_killed_between_paypals_capture_and_our_commit_captures_once_when_restarted(
        crashing: str, kafka_server: LocalKafka, new_topic: Callable[..., str], new_database: Callable[[str], str],
        tmp_path: Path) -> None:
    for topic in (*ordering_consumer.TOPICS, *payment_consumer.TOPICS):
        new_topic(name=topic)
    ordering_url, payment_url = new_database("ordering_crash"), new_database("payment_crash")
    migrate(ordering_url, ORDERING_MIGRATIONS)
    migrate(payment_url, PAYMENT_MIGRATIONS)
    ordering_engine, payment_engine = make_engine(ordering_url, pool_size=4), make_engine(payment_url, pool_size=4)
    seed(ordering_engine)
    port = free_port()
    paypal = Served(create_paypal(PayPalConfig(webhook_url=f"http://127.0.0.1:{port}/webhooks/paypal",
                                               retry_base_seconds=0.05)))
    ca = tmp_path / "paypal-ca.pem"
    ca.write_bytes(requests.get(paypal.url + "/_sim/ca.pem", timeout=10).content)
    trust = session_trust()
    settings = PaymentSettings(environment="test", database_url=payment_url, paypal_api_url=paypal.url,
                               paypal_ca_file=str(ca), **trust.settings("payment"))
    client = paypal_client(settings)
    processes = Processes({**os.environ, "SHOMEI_ENVIRONMENT": "test", "SHOMEI_DATABASE_URL": payment_url,
                           "SHOMEI_PAYMENT_DATABASE_URL": payment_url, "SHOMEI_PAYPAL_API_URL": paypal.url,
                           "SHOMEI_PAYPAL_CA_FILE": str(ca), "SHOMEI_RECONCILE_AFTER_S": "0",
                           "SHOMEI_RECONCILE_INTERVAL_S": "0.2", **trust.env("payment")}, port, tmp_path)
    try:
        ordering = ordering_bootstrap(ordering_engine)
        payment = payment_bootstrap(payment_engine, client, smartpit_client(settings))
        order_id = ordering.handle(PlaceOrder(
            tenant_id=TENANT, account_id=ACCOUNT, idempotency_key=uuid.uuid4().hex,
            eligibility=Eligibility("L08001", "卒業", "学部"), print_channel="netprint", payment_method="paypal",
            lines=(Line("transcript", 2),)))
        OutboxRelay(ordering_engine, lambda: KafkaPublisher(kafka_server.connection("ordering")),
                    name="ordering-crash-test").run_once()
        payment_id = payment_id_for(order_id)
        with consuming(kafka_server, "payment", payment_engine, payment_consumer.GROUP, payment_consumer.TOPICS,
                     payment):
            wait_for(lambda: event_types(payment_engine, payment_id) == ["PaymentOpened"], 60)
        # No webhook reaches payment until the crash is over: only the crashing process may act.
        requests.post(f"{paypal.url}/_sim/deliveries/settings", json={"hold": True}, timeout=10).raise_for_status()
        approve_url = payment.handle(StartPayPalPayment(tenant_id=TENANT, account_id=ACCOUNT, order_id=order_id,
                                                        return_url="https://shomei.test/back",
                                                        cancel_url="https://shomei.test/pay"))
        paypal_order_id = approve_url.split("token=")[1]
        requests.post(f"{paypal.url}/checkoutnow", timeout=10, allow_redirects=False,
                      data={"token": paypal_order_id, "instrument": "card_ok", "action": "approve"}).raise_for_status()

        def captures_at_paypal() -> list[dict[str, Any]]:
            return captures_of(paypal.url, client.token(), paypal_order_id)

        returned = {"order_id": order_id, "token": paypal_order_id}
        graduate = trust.headers("gateway", Actor(TENANT, ACCOUNT, "graduate"))
        crashed = processes.start(crashing, crash=True)
        if crashing == "web":
            with pytest.raises(requests.ConnectionError):  # the worker died before it could answer
                requests.post(f"{processes.url}/internal/payments/paypal/return", json=returned, headers=graduate,
                              timeout=60)
        else:
            assert crashed.wait(timeout=120) == -signal.SIGKILL
        processes.stop_all()
        assert len(captures_at_paypal()) == 1  # PayPal captured...
        assert "PaymentCaptured" not in event_types(payment_engine, payment_id)  # ...and we recorded nothing

        processes.start("web")
        processes.start("reconcile")
        requests.post(f"{paypal.url}/_sim/deliveries/release", json={}, timeout=10).raise_for_status()
        wait_for(lambda: "PaymentCaptured" in event_types(payment_engine, payment_id), 120)
        again = requests.post(f"{processes.url}/internal/payments/paypal/return", json=returned, headers=graduate,
                              timeout=60)
        assert again.status_code == 200 and again.json() == {"status": "captured"}  # the browser's retry
        wait_for(lambda: all(d["state"] == "delivered" for d in requests.get(
            f"{paypal.url}/_sim/deliveries", timeout=10).json()), 60)
        processes.stop_all()

        assert len(captures_at_paypal()) == 1
        assert event_types(payment_engine, payment_id).count("PaymentCaptured") == 1
        OutboxRelay(payment_engine, lambda: KafkaPublisher(kafka_server.connection("payment")),
                    name="payment-crash-test").run_once()
        assert on_kafka(kafka_server, "payment.payment", payment_id).count("PaymentCaptured") == 1
        with consuming(kafka_server, "ordering", ordering_engine, ordering_consumer.GROUP, ordering_consumer.TOPICS,
                     ordering):
            wait_for(lambda: "OrderPaid" in event_types(ordering_engine, order_id), 60)
        assert event_types(ordering_engine, order_id) == ["OrderPlaced", "OrderPaid"]
    finally:
        processes.stop_all()
        paypal.stop()
        ordering_engine.dispose()
        payment_engine.dispose()


def captures_of(base: str, token: str, paypal_order_id: str) -> list[dict[str, Any]]:
    """The captures PayPal holds for one of its orders, as PayPal's API tells them."""
    answer = requests.get(f"{base}/v2/checkout/orders/{paypal_order_id}", timeout=10,
                          headers={"Authorization": f"Bearer {token}"})
    answer.raise_for_status()
    captures: list[dict[str, Any]] = (answer.json()["purchase_units"][0].get("payments") or {}).get("captures", [])
    return captures
