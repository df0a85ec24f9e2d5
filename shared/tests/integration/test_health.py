from __future__ import annotations

from flask import Flask
from sqlalchemy import Engine

from shomei_devtools.kafka import LocalKafka
from shomei_devtools.process import free_port
from shomei_devtools.trust import session_trust
from shomei_shared.kafka_net import KafkaConnection
from shomei_shared.outbox.publisher import InMemoryPublisher
from shomei_shared.outbox.relay import OutboxRelay
from shomei_shared.settings import TrustSettings
from shomei_shared.web.health import database_check, install_observability, kafka_check
from shomei_shared.web.trust import Trust, install_trust

MONITOR = session_trust().headers("monitor")


def app_with(engine: Engine, connection: KafkaConnection) -> Flask:
    app = Flask(__name__)
    install_observability(app, {"database": database_check(engine), "kafka": kafka_check(connection)})
    install_trust(app, Trust.of(TrustSettings(environment="test", **session_trust().settings("sample"))))
    return app


def test_ready_when_database_and_kafka_answer(engine: Engine, kafka_server: LocalKafka) -> None:
    # As a service: its own user, no permission needed beyond logging in.
    client = app_with(engine, kafka_server.connection("notifier")).test_client()
    assert client.get("/healthz").json == {"status": "ok"}
    response = client.get("/readyz", headers={"X-Correlation-ID": "abc-123", **MONITOR})
    assert response.status_code == 200
    assert response.json == {"status": "ok", "checks": {"database": "ok", "kafka": "ok"}}
    assert response.headers["X-Correlation-ID"] == "abc-123"
    # The kubelet sends no credential: it hears yes, and nothing about what was checked.
    assert (client.get("/readyz").status_code, client.get("/readyz").json) == (200, {"status": "ok"})


def test_not_ready_names_what_is_down_to_the_monitor_only(engine: Engine) -> None:
    client = app_with(engine, KafkaConnection(f"127.0.0.1:{free_port()}", username="notifier")).test_client()
    response = client.get("/readyz", headers=MONITOR)
    assert response.status_code == 503
    assert response.json["checks"]["database"] == "ok"
    assert response.json["checks"]["kafka"].startswith("unavailable")
    anonymous = client.get("/readyz")
    assert (anonymous.status_code, anonymous.json) == (503, {"status": "unavailable"})
    assert client.get("/readyz", headers={"Authorization": "Bearer monitor.not-its-secret"}).status_code == 401
    assert client.get("/readyz", headers=session_trust().headers("gateway")).status_code == 403


def test_metrics_expose_backlog_and_request_latency(engine: Engine, kafka_server: LocalKafka) -> None:
    relay = OutboxRelay(engine, InMemoryPublisher, name="metrics")
    relay.run_once()
    client = app_with(engine, kafka_server.admin).test_client()
    client.get("/healthz")
    assert client.get("/metrics").status_code == 401
    body = client.get("/metrics", headers=MONITOR).get_data(as_text=True)
    assert "shomei_http_request_seconds_count" in body
    assert 'endpoint="/healthz"' in body
    assert "shomei_outbox_backlog_events" in body
    assert "shomei_consumer_lag_messages" in body
