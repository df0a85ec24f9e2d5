"""The ``/_sim/deliveries`` endpoints both payment simulators share: how tests steer deliveries."""

from typing import Any

from flask import Blueprint, Response, jsonify, request

from shomei_simulators.delivery import Deliverer


def json_body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else {}


def deliveries_blueprint(deliverer: Deliverer) -> Blueprint:
    control = Blueprint("deliveries", __name__, url_prefix="/_sim/deliveries")

    @control.get("")
    def list_deliveries() -> Response:
        return jsonify(deliverer.list())

    @control.post("/settings")
    def change_settings() -> Response:
        """``{"copies": 3, "delay_seconds": 2, "hold": true}``: applies to events from now on."""
        body = json_body()
        settings = deliverer.settings
        settings.copies = int(body.get("copies", settings.copies))
        settings.delay_seconds = float(body.get("delay_seconds", settings.delay_seconds))
        settings.hold = bool(body.get("hold", settings.hold))
        return jsonify(vars(settings))

    @control.post("/release")
    def release() -> Response:
        """``{"order": "reverse"}`` sends the held deliveries last-made first."""
        released = deliverer.release(reverse=json_body().get("order") == "reverse")
        return jsonify({"released": released})

    return control
