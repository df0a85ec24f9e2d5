"""`/healthz` (the process answers), `/readyz` (its dependencies answer) and `/metrics`.

Only `/healthz` is for anyone (load balancers); readiness and metrics are declared for the
operators' monitor credential, which `install_trust` asks for (ADR 0019)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping

from flask import Flask, Response, g, jsonify, request
from kafka import KafkaAdminClient
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import Engine, text

from shomei_shared import metrics
from shomei_shared.kafka_net import KafkaConnection, broker_listening, client_config
from shomei_shared.logs import _correlation_id
from shomei_shared.web.trust import MONITOR, callers

Check = Callable[[], None]


def database_check(engine: Engine) -> Check:
    def check() -> None:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    return check


def kafka_check(connection: KafkaConnection) -> Check:
    def check() -> None:
        if not broker_listening(connection.bootstrap):
            raise ConnectionError(f"Kafka at {connection.bootstrap} does not answer")
        # Authenticates as the service: wrong credentials make the service unready, not silent.
        admin = KafkaAdminClient(**client_config(connection), request_timeout_ms=2000)
        try:
            admin.describe_cluster()
        finally:
            admin.close()

    return check


def install_observability(app: Flask, checks: Mapping[str, Check]) -> None:
    """Health, readiness and metrics endpoints; correlation ids and latency for every request."""

    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()
        incoming = request.headers.get("X-Correlation-ID", "")
        g.correlation_token = _correlation_id.set(incoming[:64] or str(uuid.uuid4()))

    @app.after_request
    def _finish(response: Response) -> Response:
        endpoint = request.url_rule.rule if request.url_rule is not None else "unmatched"
        metrics.REQUEST_LATENCY.labels(endpoint, request.method, response.status_code).observe(
            time.perf_counter() - g.get("started", time.perf_counter())
        )
        response.headers["X-Correlation-ID"] = _correlation_id.get() or ""
        return response

    @app.teardown_request
    def _forget(_: BaseException | None) -> None:
        token = g.pop("correlation_token", None)
        if token is not None:
            _correlation_id.reset(token)

    @app.get("/healthz")
    def healthz() -> Response:
        return jsonify(status="ok")

    @app.get("/readyz")
    @callers(MONITOR)
    def readyz() -> tuple[Response, int]:
        results: dict[str, str] = {}
        for name, check in checks.items():
            try:
                check()
                results[name] = "ok"
            except Exception as error:  # noqa: BLE001 - any failure means not ready
                results[name] = f"unavailable: {type(error).__name__}"
        ready = all(value == "ok" for value in results.values())
        return jsonify(status="ok" if ready else "unavailable", checks=results), 200 if ready else 503

    @app.get("/metrics")
    @callers(MONITOR)
    def metrics_endpoint() -> Response:
        return Response(generate_latest(), mimetype=CONTENT_TYPE_LATEST)
