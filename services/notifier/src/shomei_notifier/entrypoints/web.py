"""The notifier's web process: health, readiness, metrics and the delivery log for staff/SRE tools.

`gunicorn 'shomei_notifier.entrypoints.web:create_app()'`; nothing connects at import time.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, jsonify, request

from shomei_notifier.adapters.sql_log import list_deliveries
from shomei_notifier.domain.delivery import DeliveryStatus
from shomei_notifier.entrypoints import staff_mails
from shomei_notifier.settings import NotifierSettings, load_settings
from shomei_shared.clock import Clock, SystemClock
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging
from shomei_shared.web.api import ApiError
from shomei_shared.web.app import current_engine, service_app
from shomei_shared.web.health import database_check, kafka_check
from shomei_shared.web.trust import Trust, callers, current_actor

MAX_LIMIT = 500


def create_app(settings: NotifierSettings | None = None, clock: Clock | None = None) -> Flask:
    settings = settings or load_settings()
    configure_logging("notifier-web", settings.log_level)
    engine = make_engine(settings.database_url, pool_size=2)  # lazy: connects on first use
    # The web process reads the delivery log and records staff's resends: no bus here (the
    # consumer process has it); the dispatcher sends a resend like any other delivery.
    app = service_app(__name__, title="Shomei notifier", service=None, engine=engine,
                      trust=Trust.of(settings), areas=[install, staff_mails.install],
                      catalogue=staff_mails.CATALOGUE,
                      checks={"database": database_check(engine), "kafka": kafka_check(settings.kafka_connection())})
    app.extensions["shomei.clock"] = clock or SystemClock()  # when a resend is recorded (and due)
    return app


def install(internal: Blueprint) -> None:
    internal.add_url_rule("/deliveries", view_func=deliveries_view, methods=["GET"])


@callers("admin", acting="staff", role="auditor")
def deliveries_view() -> Response:
    """The delivery log of the auditor's university, newest first: status and attempts of each
    mail, never its content. The tenant is the assertion's (ADR 0019).
    ---
    get:
      summary: List mail deliveries (no bodies, no template variables)
      security: [{internal: []}]
      parameters:
        - {in: query, name: status, schema: {type: string, enum: [pending, retrying, sent, given_up]}}
        - {in: query, name: limit, schema: {type: integer, minimum: 1, maximum: 500, default: 100}}
      responses:
        200: {description: "{deliveries: [...]}"}
        400: {description: A parameter is invalid}
        401: {description: Missing or wrong credential, or no assertion}
        403: {description: "Not the console, or not an auditor"}
    """
    status = request.args.get("status") or None
    if status is not None and status not in {s.value for s in DeliveryStatus}:
        raise ApiError.one(400, "status", "pending, retrying, sent, given_up のいずれかを指定してください。",
                           "Use one of pending, retrying, sent, given_up.")
    limit = _limit(request.args.get("limit", "100"))
    with current_engine().connect() as connection:
        rows = list_deliveries(connection, status=status, tenant_id=current_actor().tenant_id,
                               limit=limit)
    return jsonify(deliveries=[_json_ready(row) for row in rows])


def _limit(raw: str) -> int:
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        raise ApiError.one(400, "limit", f"1から{MAX_LIMIT}までの整数を指定してください。",
                           f"Use a whole number from 1 to {MAX_LIMIT}.")
    return int(raw)


def _json_ready(row: dict[str, object]) -> dict[str, object]:
    return {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in row.items()}
