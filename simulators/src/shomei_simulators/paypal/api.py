"""PayPal's REST API as the payment service calls it: OAuth, Orders v2, Payments v2, webhooks."""

import base64
import binascii
import hmac
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Response, jsonify, request

from shomei_simulators.control import json_body
from shomei_simulators.delivery import utc_now_text
from shomei_simulators.paypal.app import PayPalSimulator
from shomei_simulators.paypal.ledger import Capture, PayPalError
from shomei_simulators.paypal.shapes import capture_json, error_json, order_json, refund_json

Reply = Response | tuple[Response, int]

CAPTURE_EVENTS = {
    "COMPLETED": ("PAYMENT.CAPTURE.COMPLETED", "Payment completed"),
    "PENDING": ("PAYMENT.CAPTURE.PENDING", "Payment pending"),
    "DECLINED": ("PAYMENT.CAPTURE.DECLINED", "Payment declined"),
}


def paypal_errors(view: Callable[..., Reply]) -> Callable[..., Reply]:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Reply:
        try:
            return view(*args, **kwargs)
        except PayPalError as error:
            return jsonify(error_json(error)), error.status

    return wrapper


def emit_capture(sim: PayPalSimulator, capture: Capture, event_type: str | None = None) -> None:
    kind, summary = CAPTURE_EVENTS.get(capture.status, ("PAYMENT.CAPTURE.REVERSED", "Payment reversed"))
    sim.webhooks.emit(sim.base(), event_type or kind, "capture", capture_json(sim.base(), capture),
                      f"{summary} for JPY {capture.value}")


def api_blueprint(sim: PayPalSimulator) -> Blueprint:
    api = Blueprint("paypal_api", __name__)
    ledger = sim.ledger

    @api.before_request
    def require_token() -> Reply | None:
        if request.path in ("/v1/oauth2/token",) or request.path.startswith("/v1/notifications/certs/"):
            return None
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme != "Bearer" or not sim.token_valid(token):
            return jsonify({"error": "invalid_token", "error_description": "Token signature verification failed"}), 401
        return None

    @api.post("/v1/oauth2/token")
    def oauth_token() -> Reply:
        scheme, _, encoded = request.headers.get("Authorization", "").partition(" ")
        try:
            client_id, _, secret = base64.b64decode(encoded, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            client_id, secret = "", ""
        known = hmac.compare_digest(f"{client_id}:{secret}", f"{sim.config.client_id}:{sim.config.client_secret}")
        if scheme != "Basic" or not known:
            return jsonify({"error": "invalid_client", "error_description": "Client Authentication failed"}), 401
        if request.form.get("grant_type") != "client_credentials":
            return jsonify({"error": "unsupported_grant_type", "error_description": "Grant Type is NULL"}), 400
        return jsonify({
            "scope": "https://uri.paypal.com/services/payments/payment https://uri.paypal.com/services/payments/refund",
            "access_token": sim.new_token(), "token_type": "Bearer", "app_id": "APP-SHOMEI-SIMULATOR",
            "expires_in": 32400, "nonce": f"{utc_now_text()}{secrets.token_urlsafe(16)}",
        })

    def order_reply(order_id: str) -> dict[str, Any]:
        order = ledger.order(order_id)
        return order_json(sim.base(), order, [ledger.capture(c) for c in order.capture_ids])

    @api.post("/v2/checkout/orders")
    @paypal_errors
    def create_order() -> Reply:
        body = json_body()
        order_id, repeated = ledger.once("create", request.headers.get("PayPal-Request-Id"),
                                         lambda: ledger.create_order(body).id)
        return jsonify(order_reply(order_id)), 200 if repeated else 201

    @api.get("/v2/checkout/orders/<order_id>")
    @paypal_errors
    def get_order(order_id: str) -> Reply:
        return jsonify(order_reply(order_id))

    @api.post("/v2/checkout/orders/<order_id>/capture")
    @paypal_errors
    def capture_order(order_id: str) -> Reply:
        def capture() -> str:
            _, capture = ledger.capture_order(order_id)
            emit_capture(sim, capture)
            return capture.id

        _, repeated = ledger.once(f"capture:{order_id}", request.headers.get("PayPal-Request-Id"), capture)
        return jsonify(order_reply(order_id)), 200 if repeated else 201

    @api.get("/v2/payments/captures/<capture_id>")
    @paypal_errors
    def get_capture(capture_id: str) -> Reply:
        return jsonify(capture_json(sim.base(), ledger.capture(capture_id)))

    @api.post("/v2/payments/captures/<capture_id>/refund")
    @paypal_errors
    def refund_capture(capture_id: str) -> Reply:
        body = json_body()

        def refund() -> str:
            refund = ledger.refund_capture(capture_id, body)
            sim.webhooks.emit(sim.base(), "PAYMENT.CAPTURE.REFUNDED", "refund", refund_json(sim.base(), refund),
                              f"A JPY {refund.value} capture payment was refunded")
            return refund.id

        refund_id, repeated = ledger.once(f"refund:{capture_id}", request.headers.get("PayPal-Request-Id"), refund)
        return jsonify(refund_json(sim.base(), ledger.refund(refund_id))), 200 if repeated else 201

    @api.get("/v2/payments/refunds/<refund_id>")
    @paypal_errors
    def get_refund(refund_id: str) -> Reply:
        return jsonify(refund_json(sim.base(), ledger.refund(refund_id)))

    @api.get("/v1/notifications/certs/<cert_id>")
    def certificate(cert_id: str) -> Reply:
        pem = sim.webhooks.chain_pem(cert_id)
        if pem is None:
            return jsonify(error_json(PayPalError(404, "RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", cert_id))), 404
        return Response(pem, mimetype="application/x-pem-file")

    @api.get("/v1/notifications/webhooks-events/<event_id>")
    def webhook_event(event_id: str) -> Reply:
        event = sim.webhooks.event(event_id)
        if event is None:
            return jsonify(error_json(PayPalError(404, "RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", event_id))), 404
        return jsonify(event)

    @api.post("/v1/notifications/verify-webhook-signature")
    def verify_webhook_signature() -> Reply:
        try:
            status = sim.webhooks.verify_request(sim.base(), json_body())
        except ValueError:
            error = PayPalError(400, "VALIDATION_ERROR", "MISSING_REQUIRED_PARAMETER", "A required field is missing.")
            return jsonify(error_json(error)), 400
        return jsonify({"verification_status": status})

    return api
