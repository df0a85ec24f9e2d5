"""One mail per event however often Kafka delivers it, and a mail never lost while SMTP is down."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta

from sqlalchemy import Engine, text

from shomei_notifier import bootstrap
from shomei_notifier.service_layer.dispatching import Dispatcher
from shomei_shared.consumer.consumer import Delivery, IdempotentConsumer, Outcome
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.outbox.publisher import OutgoingRecord


class ListPublisher:
    def __init__(self) -> None:
        self.records: list[OutgoingRecord] = []

    def publish(self, records: Sequence[OutgoingRecord]) -> None:
        self.records.extend(records)

    def close(self) -> None:
        pass


def delivery_rows(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as connection:
        return [dict(r) for r in connection.execute(text("SELECT * FROM deliveries ORDER BY id")).mappings()]


def test_the_same_event_delivered_twice_by_kafka_gives_one_mail(
    make_envelope: Callable[..., Envelope], engine: Engine, dispatcher: Dispatcher, clock,  # type: ignore[no-untyped-def]
    mailbox_server,  # type: ignore[no-untyped-def]
) -> None:
    dead_letters = ListPublisher()
    service = bootstrap.bootstrap(engine, clock=clock)
    consumer = IdempotentConsumer(engine, bootstrap.CONSUMER_GROUP, service.consume, dead_letters)
    record = Delivery("identity.registration", 0, 7, b"agg", make_envelope("RegistrationStarted").to_json(), [])
    assert consumer.process(record) is Outcome.HANDLED
    assert consumer.process(record) is Outcome.DUPLICATE
    dispatcher.dispatch_due()
    assert consumer.process(record) is Outcome.DUPLICATE
    assert dispatcher.dispatch_due() == []
    assert len(mailbox_server.mailbox.list()) == 1
    assert dead_letters.records == []


def test_the_delivery_log_alone_keeps_one_mail_per_event_and_template(
    make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], engine: Engine,
    dispatcher: Dispatcher, mailbox_server,  # type: ignore[no-untyped-def]
) -> None:
    # E.g. a replay from the dead-letter topic after the ledger row was pruned.
    envelope = make_envelope("ApplicationSubmitted")
    handle(envelope)
    handle(envelope)
    assert len(delivery_rows(engine)) == 1
    dispatcher.dispatch_due()
    handle(envelope)
    dispatcher.dispatch_due()
    assert len(mailbox_server.mailbox.list()) == 1
    [row] = delivery_rows(engine)
    assert (row["status"], row["attempts"]) == ("sent", 1)
    assert row["mail_message_id"] == f"<{envelope.message_id}.application_received@notifier.shomei>"


def test_an_invalid_event_is_dead_lettered_and_records_nothing(
    make_envelope: Callable[..., Envelope], engine: Engine, clock,  # type: ignore[no-untyped-def]
) -> None:
    dead_letters = ListPublisher()
    service = bootstrap.bootstrap(engine, clock=clock)
    consumer = IdempotentConsumer(engine, bootstrap.CONSUMER_GROUP, service.consume, dead_letters, retry_backoff_s=0)
    broken = make_envelope("RegistrationStarted", email="not-an-address")
    record = Delivery("identity.registration", 0, 8, b"agg", broken.to_json(), [])
    assert consumer.process(record) is Outcome.DEAD_LETTERED
    assert len(dead_letters.records) == 1
    assert delivery_rows(engine) == []


def test_smtp_down_keeps_the_mail_pending_with_backoff_then_sends_it_once(
    make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], engine: Engine,
    dispatcher: Dispatcher, clock, mailbox_server,  # type: ignore[no-untyped-def]
) -> None:
    handle(make_envelope("PasswordResetRequested"))
    mailbox_server.stop()
    started = clock.now()
    [attempt] = dispatcher.dispatch_due()
    assert (attempt.status, attempt.attempts) == ("retrying", 1)
    [row] = delivery_rows(engine)
    assert (row["status"], row["attempts"]) == ("retrying", 1)
    assert row["next_attempt_at"] == started + timedelta(seconds=30)
    assert str(row["last_error"]).startswith("smtp_unavailable")

    assert dispatcher.dispatch_due() == []  # not due yet: nothing tried
    clock.advance(timedelta(seconds=30))
    dispatcher.dispatch_due()
    [row] = delivery_rows(engine)
    assert (row["status"], row["attempts"]) == ("retrying", 2)
    assert row["next_attempt_at"] == clock.now() + timedelta(seconds=60)

    mailbox_server.start()
    clock.advance(timedelta(seconds=60))
    [sent] = dispatcher.dispatch_due()
    assert (sent.status, sent.attempts) == ("sent", 3)
    clock.advance(timedelta(hours=5))
    assert dispatcher.dispatch_due() == []
    [mail] = mailbox_server.mailbox.list()
    assert "reset-TOKEN-0003" in mail.text_body


def test_identity_down_is_retried_and_an_expired_secret_gives_up(
    make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], engine: Engine,
    dispatcher: Dispatcher, clock, secrets, mailbox_server,  # type: ignore[no-untyped-def]
) -> None:
    handle(make_envelope("RegistrationStarted"))
    handle(make_envelope("PasswordResetRequested"))
    secrets.available = False
    assert [d.status for d in dispatcher.dispatch_due()] == ["retrying", "retrying"]
    secrets.available = True
    secrets.expire("ref-reset")
    clock.advance(timedelta(seconds=30))
    outcomes = {d.template_key: (d.status, d.last_error) for d in dispatcher.dispatch_due()}
    assert outcomes == {"registration_confirmation": ("sent", None),
                        "password_reset": ("given_up", "secret_gone_404")}
    assert len(mailbox_server.mailbox.list()) == 1


def test_two_dispatchers_never_send_the_same_mail(
    make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], engine: Engine,
    dispatcher: Dispatcher, mailbox_server,  # type: ignore[no-untyped-def]
) -> None:
    handle(make_envelope("ApplicationSubmitted"))
    handle(make_envelope("ApplicationRejected"))
    with engine.begin() as connection:
        # Another dispatcher holds the first mail's row lock (it is sending it right now).
        connection.execute(text("SELECT id FROM deliveries ORDER BY id LIMIT 1 FOR UPDATE"))
        attempted = dispatcher.dispatch_due()
    assert [d.template_key for d in attempted] == ["application_rejected"]
    assert len(mailbox_server.mailbox.list()) == 1
