"""`POST /callbacks/print/<provider>`: a store's machine printed a document. The providers call it
with no credential of ours (outside the /internal prefix the trust layer guards); nothing is read
before `X-Print-Signature` (`t=<unix>,v1=<HMAC-SHA256(secret, "t.body")>`) is verified on the raw
body, and a signature older than `callback_max_age_s` is a replay. A callback sent again changes
nothing (the copy was printed once) and is answered 200, so the provider stops sending it."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Callable
from datetime import datetime

from flask import Flask, Response, jsonify, request
from prometheus_client import Counter

from shomei_print_gateway.service_layer.commands import RecordPrinted
from shomei_print_gateway.settings import PrintGatewaySettings
from shomei_shared.eventstore.errors import ConcurrencyError
from shomei_shared.web.app import current_service

log = logging.getLogger(__name__)
REFUSED = Counter("shomei_print_gateway_callbacks_refused", "Print callbacks refused, by reason", ["reason"])
PROVIDERS = ("netprint", "sharpprint")
MAX_BODY = 100_000


def signature_valid(secret: str, header: str, body: bytes, now: float, max_age_s: int) -> bool:
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    timestamp, given = parts.get("t", ""), parts.get("v1", "")
    if not timestamp.isdigit() or abs(now - int(timestamp)) > max_age_s:
        return False
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, given)


def install_callbacks(app: Flask, settings: PrintGatewaySettings, now: Callable[[], float] = time.time) -> None:
    @app.post("/callbacks/print/<provider>")
    def printed(provider: str) -> tuple[Response, int]:
        body = request.get_data(cache=False)
        if provider not in PROVIDERS or len(body) > MAX_BODY:
            REFUSED.labels("unknown").inc()
            return jsonify(error="unknown"), 404
        if not signature_valid(settings.print_callback_secret, request.headers.get("X-Print-Signature", ""), body,
                               now(), settings.callback_max_age_s):
            REFUSED.labels("signature").inc()
            log.warning("a print callback with a bad or stale signature was refused")
            return jsonify(error="signature"), 400
        try:
            payload = json.loads(body)
            command = RecordPrinted(provider=str(payload["provider"]), number=str(payload["number"]),
                                    document_id=str(payload["document_id"]),
                                    printed_at=datetime.fromisoformat(payload["printed_at"]))
        except (ValueError, KeyError, TypeError):
            REFUSED.labels("shape").inc()
            return jsonify(error="shape"), 400
        if command.provider != provider:
            REFUSED.labels("provider").inc()
            return jsonify(error="provider"), 400
        try:
            changed = current_service().handle(command)
        except ConcurrencyError:
            # Another copy of the same order was recorded at this instant (Sharp's "print all"):
            # the provider sends this one again, and it is recorded then.
            return jsonify(error="busy"), 503
        return jsonify(recorded=bool(changed)), 200
