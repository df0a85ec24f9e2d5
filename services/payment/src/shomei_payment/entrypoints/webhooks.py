"""`POST /webhooks/paypal` and `POST /webhooks/smartpit`: the providers call them, with no
credential of ours (they lie outside the /internal prefix the trust layer guards; the gateway or an
ingress routes them here). Nothing is read before the signature is verified on the raw body; a
forged, altered, stale or replayed one is answered 400 and counted, never applied (ADR 0029)."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import requests
from flask import Flask, Response, jsonify, request
from prometheus_client import Counter

from shomei_payment.adapters.paypal_webhooks import HEADERS, WebhookRefused, WebhookVerifier
from shomei_payment.adapters.smartpit import verify_notice
from shomei_payment.service_layer.commands import ApplyPayPalWebhook, ApplySmartPitNotice
from shomei_payment.service_layer.payments import WebhookReplayed
from shomei_payment.settings import PaymentSettings
from shomei_shared.web.app import current_service

log = logging.getLogger(__name__)
REFUSED = Counter("shomei_payment_webhooks_refused", "PayPal webhooks refused, by reason", ["reason"])
APPLIED = Counter("shomei_payment_webhooks", "PayPal webhooks accepted, by outcome", ["outcome"])
NOTICES_REFUSED = Counter("shomei_payment_smartpit_notices_refused", "Smart Pit notices refused, by reason",
                          ["reason"])
NOTICE_FIELDS = ("notice_id", "notice_type", "smartpit_number", "bill_id", "payment_id", "amount", "paid_at")
MAX_BODY = 1_000_000  # PayPal's events are a few kilobytes


def trusted_ca(settings: PaymentSettings) -> bytes:
    """The configured CA; in development and tests without one, the simulator's (ADR 0025)."""
    if settings.paypal_ca_file:
        return Path(settings.paypal_ca_file).read_bytes()
    if not settings.relaxed:
        raise RuntimeError("SHOMEI_PAYPAL_CA_FILE is required outside development")
    answer = requests.get(settings.paypal_api_url.rstrip("/") + "/_sim/ca.pem", timeout=(5.0, 10.0))
    answer.raise_for_status()
    return answer.content


def install_webhooks(app: Flask, settings: PaymentSettings, now: Callable[[], datetime] = lambda: datetime.now(UTC),
                     ca: Callable[[], bytes] | None = None) -> None:
    lock = threading.Lock()
    verifiers: list[WebhookVerifier] = []

    def verifier() -> WebhookVerifier:
        # Made at the first webhook, not at start: the app factory connects to nothing.
        with lock:
            if not verifiers:
                verifiers.append(WebhookVerifier(settings.paypal_webhook_id, settings.cert_url_prefix,
                                                 (ca or (lambda: trusted_ca(settings)))(), now))
            return verifiers[0]

    @app.post("/webhooks/paypal")
    def paypal_webhook() -> tuple[Response, int]:
        body = request.get_data(cache=False)
        try:
            if len(body) > MAX_BODY:
                raise WebhookRefused("too_large")
            transmission_id = verifier().verify({name: request.headers.get(name, "") for name in HEADERS}, body)
            event = json.loads(body)
            if not isinstance(event, dict) or not event.get("id") or not event.get("event_type"):
                raise WebhookRefused("shape")
            outcome = current_service().handle(ApplyPayPalWebhook(transmission_id=transmission_id, event=event))
        except WebhookRefused as refused:
            return _refuse(refused.reason)
        except WebhookReplayed:
            return _refuse("replayed")
        except ValueError:
            return _refuse("shape")
        APPLIED.labels(outcome).inc()
        return jsonify(outcome=outcome), 200

    @app.post("/webhooks/smartpit")
    def smartpit_notice() -> tuple[Response, int]:
        body = request.get_data(cache=False)
        try:
            if len(body) > MAX_BODY:
                raise WebhookRefused("too_large")
            verify_notice({name: request.headers.get(name, "") for name in ("X-SmartPit-Timestamp",
                                                                             "X-SmartPit-Signature")},
                          body, settings.smartpit_notice_secret, now)
            notice = json.loads(body)
            if not isinstance(notice, dict) or any(name not in notice for name in NOTICE_FIELDS):
                raise WebhookRefused("shape")
            outcome = current_service().handle(ApplySmartPitNotice(notice=notice))
        except (WebhookRefused, ValueError) as refused:
            reason = refused.reason if isinstance(refused, WebhookRefused) else "shape"
            NOTICES_REFUSED.labels(reason).inc()
            log.warning("Smart Pit notice refused: %s", reason)
            return jsonify(error="refused"), 400
        return jsonify(outcome=outcome), 200


def _refuse(reason: str) -> tuple[Response, int]:
    REFUSED.labels(reason).inc()
    log.warning("PayPal webhook refused: %s", reason)  # the reason only: the body is the sender's
    return jsonify(error="refused"), 400
