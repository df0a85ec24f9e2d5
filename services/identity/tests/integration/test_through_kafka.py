"""The one test through real Kafka: an approval on enrollment.application reaches the consumer,
and AccountActivated leaves through the relay onto identity.account, carrying no secret. Each
side uses its own service's credentials, held to its ACLs as in production."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from kafka_helpers import read_topic
from sqlalchemy import text

from shomei_devtools.kafka import LocalKafka
from shomei_identity.entrypoints.consumer import GROUP, TOPICS
from shomei_shared.consumer.consumer import IdempotentConsumer, kafka_consumer
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.outbox.publisher import InMemoryPublisher, KafkaPublisher, OutgoingRecord
from shomei_shared.outbox.relay import OutboxRelay


def test_approval_over_kafka_activates_an_account_published_without_secrets(
        kit: Any, kafka_server: LocalKafka, new_topic: Callable[..., str]) -> None:
    identity, enrollment = kafka_server.connection("identity"), kafka_server.connection("enrollment")
    source = new_topic(name=TOPICS[0])
    target = new_topic(name="identity.account")
    application_id = f"app-{uuid.uuid4()}"
    approval = Envelope(type="ApplicationApproved", version=1, tenant_id="demo-univ", aggregate_id=application_id,
                        aggregate_version=2, payload={"registration_id": "r-1", "email": "kafka@example.jp",
                                                      "locale": "ja", "kind": "registration", "account_id": None,
                                                      "graduate_id": "g-1", "student_number": "S9"})
    producer = KafkaPublisher(enrollment)
    producer.publish([OutgoingRecord(source, approval.aggregate_id.encode(), approval.to_json())])
    producer.close()

    consumer = IdempotentConsumer(kit.engine, GROUP, kit.identity.consume, InMemoryPublisher())
    stop = threading.Event()
    kafka = kafka_consumer(identity, GROUP, [source])
    worker = threading.Thread(target=consumer.run, args=(kafka, stop), daemon=True)
    worker.start()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and _accounts(kit, application_id) == 0:
            time.sleep(0.2)
    finally:
        stop.set()
        worker.join(timeout=30)
        kafka.close()
    assert _accounts(kit, application_id) == 1

    OutboxRelay(kit.engine, lambda: KafkaPublisher(identity), name="identity-test").run_once()
    received = [e for e in read_topic(kafka_server.admin, target, at_least=1)
                if e.payload.get("application_id") == application_id]
    assert [e.type for e in received] == ["AccountActivated"]
    initial_password = kit.redeem(received[0].payload["secret_ref"])
    assert initial_password not in received[0].to_json().decode()


def _accounts(kit: Any, application_id: str) -> int:
    # Other services' tests in the same session may write to the same topic: count only ours.
    with kit.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM accounts WHERE application_id = :a"),
                                {"a": application_id}).scalar_one())
