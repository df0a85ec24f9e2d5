from __future__ import annotations

from flask import Flask
from sqlalchemy import Engine

from shomei_devtools.kafka import LocalKafka
from shomei_devtools.process import free_port
from shomei_shared.kafka_net import KafkaConnection
from shomei_shared.outbox.publisher import InMemoryPublisher
from shomei_shared.outbox.relay import OutboxRelay
from shomei_shared.web.health import database_check, install_observability, kafka_check


def app_with(engine: Engine, connection: KafkaConnection) -> Flask:
    app = Flask(__name__)
    install_observability(app, {"database": database_check(engine), "kafka": kafka_check(connection)})
    return app


def test_ready_when_database_and_kafka_answer(engine: Engine, kafka_server: LocalKafka) -> None:
    # As a service: its own user, no permission needed beyond logging in.
    client = app_with(engine, kafka_server.connection("notifier")).test_client()
    assert client.get("/healthz").json == {"status": "ok"}
    response = client.get("/readyz", headers={"X-Correlation-ID": "abc-123"})
    assert response.status_code == 200
    assert response.json == {"status": "ok", "checks": {"database": "ok", "kafka": "ok"}}
    assert response.headers["X-Correlation-ID"] == "abc-123"


def test_not_ready_names_what_is_down(engine: Engine) -> None:
    client = app_with(engine, KafkaConnection(f"127.0.0.1:{free_port()}", username="notifier")).test_client()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json["checks"]["database"] == "ok"
    assert response.json["checks"]["kafka"].startswith("unavailable")


def test_metrics_expose_backlog_and_request_latency(engine: Engine, kafka_server: LocalKafka) -> None:
    relay = OutboxRelay(engine, InMemoryPublisher, name="metrics")
    relay.run_once()
    client = app_with(engine, kafka_server.admin).test_client()
    client.get("/healthz")
    body = client.get("/metrics").get_data(as_text=True)
    assert "shomei_http_request_seconds_count" in body
    assert 'endpoint="/healthz"' in body
    assert "shomei_outbox_backlog_events" in body
    assert "shomei_consumer_lag_messages" in body
