"""``/_sim/...``: what tests (and curious people) use to see and steer the PayPal simulator."""

from cryptography.hazmat.primitives import serialization
from flask import Blueprint, Response, jsonify
from werkzeug.wrappers import Response as BaseResponse

from shomei_simulators.control import json_body
from shomei_simulators.paypal.api import emit_capture, paypal_errors
from shomei_simulators.paypal.app import PayPalSimulator
from shomei_simulators.paypal.ledger import PayPalError
from shomei_simulators.paypal.shapes import capture_json

Reply = Response | tuple[Response, int]


def control_blueprint(sim: PayPalSimulator) -> Blueprint:
    control = Blueprint("paypal_control", __name__, url_prefix="/_sim")

    @control.get("/ca.pem")
    def ca_certificate() -> BaseResponse:
        """The root a receiver trusts instead of PayPal's (new at every start)."""
        return Response(sim.webhooks.ca.public_bytes(serialization.Encoding.PEM), mimetype="application/x-pem-file")

    @control.get("/tokens")
    def tokens() -> Reply:
        """The access tokens issued so far: tests look for them where they must never appear
        (events, logs)."""
        with sim.tokens_lock:
            return jsonify(sorted(sim.tokens))

    @control.get("/config")
    def config() -> Reply:
        base = sim.base()
        return jsonify({"webhook_id": sim.config.webhook_id, "webhook_url": sim.config.webhook_url,
                        "cert_url": sim.webhooks.cert_url(base, sim.webhooks.identity), "base_url": base})

    @control.get("/events")
    def events() -> Reply:
        return jsonify(sim.webhooks.events())

    @control.post("/events/<event_id>/redeliver")
    def redeliver(event_id: str) -> Reply:
        delivery = sim.webhooks.redeliver(sim.base(), event_id)
        if delivery is None:
            return jsonify({"error": "unknown event, or no webhook URL"}), 404
        return jsonify(delivery.to_dict()), 202

    @control.post("/events/<event_id>/forge")
    def forge(event_id: str) -> Reply:
        """``{"kind": "altered_body" | "wrong_key" | "foreign_cert_url"}``."""
        delivery = sim.webhooks.forge(sim.base(), event_id, str(json_body().get("kind", "altered_body")))
        if delivery is None:
            return jsonify({"error": "unknown event or kind, or no webhook URL"}), 404
        return jsonify(delivery.to_dict()), 202

    @control.post("/captures/<capture_id>/settle")
    @paypal_errors
    def settle(capture_id: str) -> Reply:
        """``{"status": "COMPLETED" | "DECLINED" | "REVERSED"}``: a pending capture's outcome, or a chargeback."""
        status = str(json_body().get("status", ""))
        if status not in ("COMPLETED", "DECLINED", "REVERSED"):
            raise PayPalError(400, "INVALID_REQUEST", "INVALID_PARAMETER_VALUE", "COMPLETED, DECLINED or REVERSED")
        capture = sim.ledger.settle(capture_id, status)
        emit_capture(sim, capture, "PAYMENT.CAPTURE.DENIED" if status == "DECLINED" else None)
        return jsonify(capture_json(sim.base(), capture))

    return control
