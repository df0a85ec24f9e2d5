"""The consumer's handler inside the idempotent consumer's transaction (ledger + account)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from shomei_identity.entrypoints.consumer import GROUP
from shomei_shared.consumer.consumer import Delivery, IdempotentConsumer, Outcome
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.outbox.publisher import InMemoryPublisher

T = "demo-univ"


def delivery(envelope: Envelope) -> Delivery:
    return Delivery("enrollment.application", 0, 0, envelope.aggregate_id.encode(), envelope.to_json(), [])


def approved(application_id: str, email: str, kind: str = "registration", **extra: Any) -> Envelope:
    payload = {"registration_id": "r-1", "email": email, "locale": "en", "kind": kind, "account_id": None,
               "graduate_id": "g-1", "student_number": "S1", **extra}
    return Envelope(type="ApplicationApproved", version=1, tenant_id=T, aggregate_id=application_id,
                    aggregate_version=2, payload=payload)


def counts(kit: Any) -> tuple[int, int]:
    with kit.engine.connect() as conn:
        accounts = conn.execute(text("SELECT count(*) FROM accounts")).scalar_one()
        ledger = conn.execute(text("SELECT count(*) FROM processed_messages")).scalar_one()
    return int(accounts), int(ledger)


def test_approval_creates_one_account_however_often_delivered(kit: Any) -> None:
    dead_letters = InMemoryPublisher()
    consumer = IdempotentConsumer(kit.engine, GROUP, kit.identity.consume, dead_letters, retry_backoff_s=0)
    message = approved("app-1", "Jiro@Example.jp")
    assert consumer.process(delivery(message)) is Outcome.HANDLED
    assert consumer.process(delivery(message)) is Outcome.DUPLICATE
    # A new message for the same application (a replay from enrollment) is still one account.
    assert consumer.process(delivery(approved("app-1", "jiro@example.jp"))) is Outcome.HANDLED
    assert counts(kit) == (1, 2)
    activated = kit.last_payload("AccountActivated")
    assert (activated["email"], activated["locale"], activated["application_id"]) == ("jiro@example.jp", "en",
                                                                                    "app-1")
    assert kit.redeem(activated["secret_ref"])


def test_other_kinds_and_types_are_ignored_and_a_duplicate_email_is_refused_as_an_event(kit: Any) -> None:
    dead_letters = InMemoryPublisher()
    consumer = IdempotentConsumer(kit.engine, GROUP, kit.identity.consume, dead_letters, retry_backoff_s=0)
    consumer.process(delivery(approved("app-9", "x@example.jp", kind="student_number", account_id="a-1")))
    submitted = Envelope(type="ApplicationSubmitted", version=1, tenant_id=T, aggregate_id="app-8",
                         aggregate_version=1, payload={"email": "y@example.jp"})
    consumer.process(delivery(submitted))
    assert counts(kit) == (0, 2)
    consumer.process(delivery(approved("app-1", "same@example.jp")))
    # ADR 0018: no second account, and no silence either: the refusal is an event others hear.
    outcome = consumer.process(delivery(approved("app-2", "SAME@example.jp")))
    assert outcome is Outcome.HANDLED and dead_letters.records == []
    assert counts(kit) == (1, 4)
    refused = kit.last_payload("AccountActivationRefused")
    assert (refused["application_id"], refused["email"], refused["reason"]) == ("app-2", "same@example.jp",
                                                                              "email_has_account")
