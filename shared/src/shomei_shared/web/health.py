"""`/healthz` (the process answers), `/readyz` (its dependencies answer) and `/metrics`.

`/healthz` is for anyone (liveness). `/readyz` answers anyone a bare yes or no (200 `ok` or 503
`unavailable`), so that the kubelet's readiness probe, which can send no secret, can ask it; which
dependency is down is told only to the operators' monitor credential (ADR 0040). `/metrics` is
for the monitor credential only (ADR 0019). An anonymous answer is reused for `READY_FOR_SECONDS`,
so that nobody can make a process hammer its database by asking."""

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
from shomei_shared.web.trust import MONITOR, callers, current_caller_or_none

Check = Callable[[], None]
READY_FOR_SECONDS = 2.0  # below the probes' period (5 s): each probe still sees a fresh answer


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

    readiness = Readiness(checks)

    @app.get("/readyz")
    @callers(MONITOR, anonymous=True)
    def readyz() -> tuple[Response, int]:
        details: dict[str, dict[str, str]] = {}
        if current_caller_or_none() == MONITOR:
            details["checks"] = readiness.check()  # the operator asking by hand gets a fresh answer
            ready = Readiness.all_ok(details["checks"])
        else:
            ready = readiness.recent()
        return jsonify(status="ok" if ready else "unavailable", **details), 200 if ready else 503

    @app.get("/metrics")
    @callers(MONITOR)
    def metrics_endpoint() -> Response:
        return Response(generate_latest(), mimetype=CONTENT_TYPE_LATEST)


class Readiness:
    """Runs a process's dependency checks; keeps the last yes or no for anonymous askers."""

    def __init__(self, checks: Mapping[str, Check], clock: Callable[[], float] = time.monotonic) -> None:
        self._checks = dict(checks)
        self._clock = clock
        self._last: tuple[float, bool] | None = None

    def check(self) -> dict[str, str]:
        results: dict[str, str] = {}
        for name, check in self._checks.items():
            try:
                check()
                results[name] = "ok"
            except Exception as error:  # noqa: BLE001 - any failure means not ready
                results[name] = f"unavailable: {type(error).__name__}"
        self._last = (self._clock(), self.all_ok(results))
        return results

    def recent(self) -> bool:
        """The last answer if it is younger than READY_FOR_SECONDS, else a fresh one. Threads of
        one process may both check at the same moment; that costs one extra check, nothing more."""
        last = self._last
        if last is not None and self._clock() - last[0] < READY_FOR_SECONDS:
            return last[1]
        return self.all_ok(self.check())

    @staticmethod
    def all_ok(results: Mapping[str, str]) -> bool:
        return all(value == "ok" for value in results.values())
