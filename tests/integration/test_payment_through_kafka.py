"""Ordering and payment through real Kafka, each with its own credentials and ACLs: an order placed
reaches the payment consumer (a payment opens), and the payment's PaymentCaptured reaches the
ordering consumer (the order is paid). The topics and ACLs are the ones start-up derives from each
service's topics.txt and consumer entrypoint. The notifier hears both and mails the graduate."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from shomei_devtools.consuming import consuming
from shomei_devtools.kafka import LocalKafka
from shomei_devtools.trust import session_trust
from shomei_notifier import bootstrap as notifier
from shomei_notifier.adapters.secrets_fake import FakeSecretsClient
from shomei_notifier.entrypoints import consumer as notifier_consumer
from shomei_notifier.settings import NotifierSettings
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
from shomei_shared.db import make_engine, migrate
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.outbox.publisher import KafkaPublisher
from shomei_shared.outbox.relay import OutboxRelay
from shomei_shared.web.tenant_profiles import StaticTenantProfiles, TenantProfile
from shomei_simulators.mailbox.smtp import start_smtp_server, stop_smtp_server
from shomei_simulators.mailbox.store import Mailbox


class OneBill:
    """Smart Pit as far as this test needs it: one number (the simulator is tested elsewhere)."""

    def register_bill(self, bill_id: str, amount: int, due: datetime) -> str:
        return "4929000000013"


def no_paypal() -> Any:
    return object()  # never called: this order is paid by Smart Pit


def until(condition: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)
    return condition()


def types(engine: Engine, aggregate_id: str) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT type FROM events WHERE aggregate_id = :a ORDER BY aggregate_version"),
                                 {"a": aggregate_id}).scalars())


def relay(engine: Engine, kafka: LocalKafka, service: str) -> None:
    OutboxRelay(engine, lambda: KafkaPublisher(kafka.connection(service)), name=f"{service}-kafka-test").run_once()


def ordering_and_payment(new_topic: Callable[..., str], new_database: Callable[[str], str], suffix: str,
                         paypal: Any) -> tuple[dict[str, Engine], Any, Any]:
    """Both services on databases of their own (suffixed per test), their topics created."""
    for topic in (*ordering_consumer.TOPICS, *payment_consumer.TOPICS):
        new_topic(name=topic)
    urls = {name: new_database(f"{name}_{suffix}") for name in ("ordering", "payment")}
    migrate(urls["ordering"], ORDERING_MIGRATIONS)
    migrate(urls["payment"], PAYMENT_MIGRATIONS)
    engines = {name: make_engine(url, pool_size=4) for name, url in urls.items()}
    seed(engines["ordering"])
    return (engines, ordering_bootstrap(engines["ordering"]),
            payment_bootstrap(engines["payment"], paypal, OneBill()))


def place_order_heard_by_payment(kafka: LocalKafka, engines: dict[str, Engine], ordering: Any, payment: Any,
                                 account: str, method: str) -> str:
    """Two transcripts ordered; OrderPlaced relayed to Kafka and heard by payment (PaymentOpened)."""
    order_id: str = ordering.handle(PlaceOrder(
        tenant_id="demo-univ", account_id=account, idempotency_key=uuid.uuid4().hex,
        eligibility=Eligibility("L08001", "卒業", "学部"), print_channel="netprint", payment_method=method,
        lines=(Line("transcript", 2),)))
    relay(engines["ordering"], kafka, "ordering")
    with consuming(kafka, "payment", engines["payment"], payment_consumer.GROUP, payment_consumer.TOPICS, payment):
        assert until(lambda: types(engines["payment"], payment_id_for(order_id)) == ["PaymentOpened"])
    return order_id


def ordering_hears(kafka: LocalKafka, engines: dict[str, Engine], ordering: Any,
                   condition: Callable[[], bool]) -> None:
    """Payment's outbox relayed to Kafka, and ordering's consumer run until `condition` holds."""
    relay(engines["payment"], kafka, "payment")
    with consuming(kafka, "ordering", engines["ordering"], ordering_consumer.GROUP, ordering_consumer.TOPICS,
                   ordering):
        assert until(condition)


def test_an_order_opens_a_payment_and_its_capture_pays_the_order_over_kafka(
        kafka_server: LocalKafka, new_topic: Callable[..., str], new_database: Callable[[str], str]) -> None:
    engines, ordering, payment = ordering_and_payment(new_topic, new_database, "kafka", no_paypal())
    order_id = place_order_heard_by_payment(kafka_server, engines, ordering, payment, "account-1", "smartpit")

    number = payment.handle(RegisterSmartPitBill(tenant_id="demo-univ", account_id="account-1", order_id=order_id))
    with engines["payment"].connect() as conn:
        amount = conn.execute(text("SELECT amount FROM payments WHERE order_id = :o"), {"o": order_id}).scalar_one()
    paid_at = datetime.now(UTC) - timedelta(minutes=1)
    payment.handle(ApplySmartPitNotice(notice={
        "notice_id": "n-1", "notice_type": "quick", "smartpit_number": number, "bill_id": order_id,
        "payment_id": "SP-1", "amount": amount, "paid_at": paid_at.isoformat()}))
    ordering_hears(kafka_server, engines, ordering, lambda: "OrderPaid" in types(engines["ordering"], order_id))

    assert types(engines["ordering"], order_id) == ["OrderPlaced", "OrderPaid"]
    for engine in engines.values():
        engine.dispose()

NOTIFIER_MIGRATIONS = Path(__file__).resolve().parents[2] / "services" / "notifier" / "migrations"
ACCOUNT = "account-mails-1"


def test_an_order_paid_at_a_store_mails_the_graduate_through_kafka(
        kafka_server: LocalKafka, new_topic: Callable[..., str], new_database: Callable[[str], str]) -> None:
    engines, ordering, payment = ordering_and_payment(new_topic, new_database, "mails", no_paypal())
    for topic in set(notifier_consumer.TOPICS) - {*ordering_consumer.TOPICS, *payment_consumer.TOPICS}:
        new_topic(name=topic)
    notifier_url = new_database("notifier_mails")
    migrate(notifier_url, NOTIFIER_MIGRATIONS)
    engines["notifier"] = make_engine(notifier_url, pool_size=4)
    mails = notifier.bootstrap(engines["notifier"])
    mailbox = Mailbox()
    smtp = start_smtp_server(mailbox, "127.0.0.1", 0)
    try:
        # The account's contact, as identity's AccountActivated gives it to the notifier.
        with engines["notifier"].begin() as connection:
            mails.consume(Envelope(
                type="AccountActivated", version=1, tenant_id="demo-univ", aggregate_id=ACCOUNT, aggregate_version=1,
                payload={"email": "grad@example.jp", "locale": "ja", "application_id": "app-1",
                         "secret_ref": "ref-initial", "expires_at": "2026-11-24T05:30:00+00:00",
                         "login_url": "http://127.0.0.1:58080/demo-univ/login"}), connection)
        with engines["notifier"].begin() as connection:
            connection.execute(text("DELETE FROM deliveries"))  # its own mail is not this test's

        order_id = place_order_heard_by_payment(kafka_server, engines, ordering, payment, ACCOUNT, "smartpit")
        number = payment.handle(RegisterSmartPitBill(tenant_id="demo-univ", account_id=ACCOUNT, order_id=order_id))
        with engines["payment"].connect() as conn:
            amount = conn.execute(text("SELECT amount FROM payments WHERE order_id = :o"),
                                  {"o": order_id}).scalar_one()
        payment.handle(ApplySmartPitNotice(notice={
            "notice_id": "n-mails-1", "notice_type": "quick", "smartpit_number": number, "bill_id": order_id,
            "payment_id": "SP-M1", "amount": amount,
            "paid_at": (datetime.now(UTC) - timedelta(minutes=1)).isoformat()}))
        ordering_hears(kafka_server, engines, ordering, lambda: "OrderPaid" in types(engines["ordering"], order_id))
        relay(engines["ordering"], kafka_server, "ordering")

        def recorded() -> set[str]:
            with engines["notifier"].connect() as conn:
                return set(conn.execute(text("SELECT template_key FROM deliveries")).scalars())

        with consuming(kafka_server, "notifier", engines["notifier"], notifier_consumer.GROUP,
                       notifier_consumer.TOPICS, mails):
            # At least these: in a whole test session the topics also hold other tests' events,
            # some of which the notifier mails too (an AccountActivated, another paid order).
            assert until(lambda: {"order_received", "payment_reminder", "smartpit_number",
                                  "payment_completed"} <= recorded())
        settings = NotifierSettings(environment="test", database_url=notifier_url,
                                    **session_trust().settings("notifier"), smtp_port=int(smtp.port),
                                    smtp_security="none", smtp_timeout_s=5.0)
        tenants = StaticTenantProfiles(TenantProfile("demo-univ", "証明大学", "Shomei University", "#0b5394",
                                                     "#ffffff", "office@demo-univ.example"))
        secrets = FakeSecretsClient()
        notifier.dispatcher(settings, engines["notifier"], secrets=secrets, tenants=tenants,
                            enrollment_secrets=secrets).dispatch_due()
        by_subject = {m.subject.removeprefix("【証明大学 証明書発行サービス】"): m for m in mailbox.list()}
        assert set(by_subject) == {"証明書のお申し込みを受け付けました", "コンビニ払い（スマートピット番号）のお知らせ",
                                   "お支払い完了のお知らせ"}
        assert all(m.envelope_to == ("grad@example.jp",) for m in by_subject.values())
        bill = by_subject["コンビニ払い（スマートピット番号）のお知らせ"].text_body
        assert f"スマートピット番号：{number}\nお支払い金額：{amount:,}円" in bill
        assert f"合計　{amount:,}円" in by_subject["証明書のお申し込みを受け付けました"].text_body
        with engines["notifier"].connect() as conn:
            assert conn.execute(text("SELECT status, last_error FROM deliveries WHERE template_key = "
                                     "'payment_reminder'")).one() == ("given_up", "order_settled")
    finally:
        stop_smtp_server(smtp)
        for engine in engines.values():
            engine.dispose()


def test_a_quick_notice_taken_back_unpays_the_order_and_a_late_one_is_money_to_refund(
        kafka_server: LocalKafka, new_topic: Callable[..., str], new_database: Callable[[str], str]) -> None:
    """Smart Pit's 速報 pays; its 速報取消 (told twice) reverses the order once (PaymentReversed →
    OrderPaymentReversed, the order alerted for staff); a 速報 after the deadline is recorded as
    money not applied and listed for a refund by bank transfer."""
    from shomei_ordering.service_layer.ports import OrderSearch
    from shomei_ordering.service_layer.queries import search_orders
    from shomei_ordering.service_layer.reversals import unapplied_of

    engines, ordering, payment = ordering_and_payment(new_topic, new_database, "reversal", no_paypal())
    order_id = place_order_heard_by_payment(kafka_server, engines, ordering, payment, "account-rev-1", "smartpit")
    number = payment.handle(RegisterSmartPitBill(tenant_id="demo-univ", account_id="account-rev-1",
                                                 order_id=order_id))
    with engines["ordering"].connect() as conn:
        total, deadline = conn.execute(text("SELECT total, deadline FROM orders WHERE id = :o"),
                                       {"o": order_id}).one()

    def notice(notice_id: str, kind: str, paid: str, paid_at: datetime) -> None:
        payment.handle(ApplySmartPitNotice(notice={
            "notice_id": notice_id, "notice_type": kind, "smartpit_number": number, "bill_id": order_id,
            "payment_id": paid, "amount": total, "paid_at": paid_at.isoformat()}))

    def heard_by_ordering(event_type: str, count: int = 1) -> None:
        ordering_hears(kafka_server, engines, ordering,
                       lambda: types(engines["ordering"], order_id).count(event_type) == count)

    paid_at = datetime.now(UTC) - timedelta(minutes=5)
    notice("rev-q1", "quick", "SP-R1", paid_at)
    heard_by_ordering("OrderPaid")
    notice("rev-c1", "quick_cancelled", "SP-R1", paid_at)
    notice("rev-c1", "quick_cancelled", "SP-R1", paid_at)  # the same notice again
    notice("rev-c1b", "quick_cancelled", "SP-R1", paid_at)  # told again under another notice id
    heard_by_ordering("OrderPaymentReversed")
    assert types(engines["payment"], payment_id_for(order_id)).count("PaymentReversed") == 1
    assert types(engines["ordering"], order_id) == ["OrderPlaced", "OrderPaid", "OrderPaymentReversed"]
    alerted = search_orders("demo-univ", OrderSearch(alert="payment_reversed"), ordering.uow())
    assert [o["id"] for o in alerted] == [order_id] and alerted[0]["status"] == "placed"

    notice("rev-q2", "quick", "SP-R2", deadline + timedelta(hours=1))  # paid at the register, too late
    heard_by_ordering("PaymentNotApplied")
    assert types(engines["ordering"], order_id)[-2:] == ["OrderExpired", "PaymentNotApplied"]
    [late] = unapplied_of("demo-univ", ordering.uow())
    assert (late["order_id"], late["amount"], late["reason"]) == (order_id, total, "expired")
    for engine in engines.values():
        engine.dispose()


class OnePayPalOrder:
    """PayPal as far as this test needs it: one order made (the simulator is tested elsewhere)."""

    def create_order(self, request_id: str, invoice_id: str, amount: int, return_url: str,
                     cancel_url: str) -> tuple[str, str]:
        return "PP-K1", "https://paypal.test/checkoutnow?token=PP-K1"


def test_a_switch_to_smart_pit_reaches_payment_and_the_left_paypal_orders_capture_is_money_to_refund(
        kafka_server: LocalKafka, new_topic: Callable[..., str], new_database: Callable[[str], str]) -> None:
    """OrderPaymentMethodChanged → payment follows (PaymentMethodChanged); PayPal's capture of the
    order left behind → PaymentNotCounted → ordering's PaymentNotApplied (method_changed), listed."""
    from shomei_ordering.service_layer.commands import ChangePaymentMethod
    from shomei_ordering.service_layer.reversals import unapplied_of
    from shomei_payment.service_layer.commands import ApplyPayPalWebhook, StartPayPalPayment

    engines, ordering, payment = ordering_and_payment(new_topic, new_database, "switch", OnePayPalOrder())
    account = "account-switch-1"
    order_id = place_order_heard_by_payment(kafka_server, engines, ordering, payment, account, "paypal")
    with consuming(kafka_server, "payment", engines["payment"], payment_consumer.GROUP, payment_consumer.TOPICS,
                   payment):
        payment.handle(StartPayPalPayment(tenant_id="demo-univ", account_id=account, order_id=order_id,
                                          return_url="https://x.test/r", cancel_url="https://x.test/c"))
        ordering.handle(ChangePaymentMethod("demo-univ", account, order_id, "smartpit"))
        relay(engines["ordering"], kafka_server, "ordering")
        assert until(lambda: "PaymentMethodChanged" in types(engines["payment"], payment_id_for(order_id)))
    with engines["ordering"].connect() as conn:
        total = conn.execute(text("SELECT total FROM orders WHERE id = :o"), {"o": order_id}).scalar_one()
    payment.handle(ApplyPayPalWebhook(transmission_id="t-late", event={
        "id": "WH-LATE", "event_type": "PAYMENT.CAPTURE.COMPLETED", "resource": {
            "id": "CAP-LATE", "invoice_id": order_id, "amount": {"currency_code": "JPY", "value": str(total)},
            "supplementary_data": {"related_ids": {"order_id": "PP-K1"}}}}))
    ordering_hears(kafka_server, engines, ordering,
                   lambda: "PaymentNotApplied" in types(engines["ordering"], order_id))
    assert types(engines["ordering"], order_id) == ["OrderPlaced", "OrderPaymentMethodChanged", "PaymentNotApplied"]
    assert "PaymentCaptured" not in types(engines["payment"], payment_id_for(order_id))
    [money] = unapplied_of("demo-univ", ordering.uow())
    assert (money["order_id"], money["amount"], money["reason"]) == (order_id, total, "method_changed")
    for engine in engines.values():
        engine.dispose()
