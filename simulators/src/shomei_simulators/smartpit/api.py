"""The merchant's API: register a bill (get its 13-digit number), read it, withdraw it."""

import hmac
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Response, jsonify, request

from shomei_simulators.control import json_body
from shomei_simulators.smartpit.app import SmartPitSimulator
from shomei_simulators.smartpit.bills import SmartPitError

Reply = Response | tuple[Response, int]


def smartpit_errors(view: Callable[..., Reply]) -> Callable[..., Reply]:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Reply:
        try:
            return view(*args, **kwargs)
        except SmartPitError as error:
            return jsonify({"error": error.code}), error.status

    return wrapper


def api_blueprint(sim: SmartPitSimulator) -> Blueprint:
    api = Blueprint("smartpit_api", __name__, url_prefix="/api/v1")
    centre = sim.centre

    @api.before_request
    def require_key() -> Reply | None:
        scheme, _, key = request.headers.get("Authorization", "").partition(" ")
        if scheme != "Bearer" or not hmac.compare_digest(key, sim.config.api_key):
            return jsonify({"error": "unauthorized"}), 401
        return None

    def bill_reply(number: str) -> dict[str, Any]:
        with centre.lock:
            return centre.bill(number).to_dict(centre.payments)

    @api.post("/bills")
    @smartpit_errors
    def register() -> Reply:
        """``{"bill_id", "amount" (yen, 1–300000), "due" (ISO 8601 with offset), "description"?}``."""
        bill, repeated = centre.register(json_body())
        return jsonify(bill_reply(bill.number)), 200 if repeated else 201

    @api.get("/bills/<number>")
    @smartpit_errors
    def show(number: str) -> Reply:
        return jsonify(bill_reply(number))

    @api.delete("/bills/<number>")
    @smartpit_errors
    def withdraw(number: str) -> Reply:
        centre.cancel_bill(number)
        return jsonify(bill_reply(number))

    return api
