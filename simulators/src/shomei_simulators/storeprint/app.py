"""The parts every store-print simulator app has; the provider module adds its API."""

from collections.abc import Callable
from typing import Any

from flask import Flask, Response, jsonify, request
from flask.json.provider import DefaultJSONProvider

from shomei_simulators.storeprint.api import Authorise, error, guard_api
from shomei_simulators.storeprint.control import control_blueprint
from shomei_simulators.storeprint.documents import MAX_FILE_BYTES
from shomei_simulators.storeprint.machine import machine_blueprint
from shomei_simulators.storeprint.reservations import Reservation
from shomei_simulators.storeprint.simulator import StorePrint

# Several files of up to 10 MB each in one Sharp upload; each is checked on its own.
_MAX_REQUEST_BYTES = 12 * MAX_FILE_BYTES


def create_base_app(simulator: StorePrint, authorised: Authorise) -> Flask:
    app = Flask(__name__)
    if isinstance(app.json, DefaultJSONProvider):
        app.json.ensure_ascii = False
        app.json.sort_keys = False
    app.config["MAX_CONTENT_LENGTH"] = _MAX_REQUEST_BYTES
    app.extensions["storeprint"] = simulator
    guard_api(app, simulator, authorised)
    app.register_blueprint(machine_blueprint(simulator), url_prefix="/machine")
    app.register_blueprint(control_blueprint(simulator), url_prefix="/_sim")

    @app.get("/healthz")
    def healthz() -> Response:
        return jsonify({"status": "ok", "provider": simulator.provider.key})

    @app.get("/")
    def home() -> Response:
        return Response(status=302, headers={"Location": "/machine/"})

    return app


def add_number_routes(
    app: Flask,
    simulator: StorePrint,
    rule: str,
    answer: Callable[[Reservation], dict[str, Any]],
) -> None:
    """GET (status, also of a deleted or expired number) and DELETE on ``rule``, and on its
    collection ``GET ?file_name=`` the working numbers holding a file sent under that name."""
    noun = simulator.provider.number_label_en

    @app.get(rule.rsplit("/", 1)[0])
    def find() -> Response:
        sent_name = request.args.get("file_name", "")
        found = simulator.reservations.numbers_holding(sent_name) if sent_name else []
        return jsonify({"numbers": found})

    @app.get(rule)
    def status(number: str) -> Response | tuple[Response, int]:
        reservation = simulator.reservations.get(number)
        if reservation is None:
            return error(404, "not_found", f"no such {noun}")
        return jsonify(answer(reservation))

    @app.delete(rule)
    def delete(number: str) -> Response | tuple[Response, int]:
        if simulator.reservations.delete(number) is None:
            return error(404, "not_found", f"no such active {noun}")
        return Response(status=204)
