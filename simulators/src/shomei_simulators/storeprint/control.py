"""``/_sim``: what tests use to steer a simulator and to see what happened inside it.

Unauthenticated on purpose: a simulator listens on 127.0.0.1 and has nothing to protect.
"""

from datetime import timedelta
from typing import Any

from flask import Blueprint, Response, jsonify, request

from shomei_simulators.storeprint.clock import isoformat
from shomei_simulators.storeprint.outage import OutageMode
from shomei_simulators.storeprint.simulator import StorePrint


def _bad(message: str) -> tuple[Response, int]:
    return jsonify({"error": {"code": "bad_request", "message": message}}), 400


def _number_or_none(body: dict[str, Any], key: str) -> float | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, int | float) or value < 0:
        raise ValueError(f"{key} must be a number >= 0")
    return float(value)


def control_blueprint(simulator: StorePrint) -> Blueprint:
    control = Blueprint("control", __name__)

    @control.get("/uploads")
    def uploads() -> Response:
        listed = []
        for reservation in simulator.reservations.all():
            entry = reservation.to_dict()
            for document, shown in zip(
                reservation.documents, entry["documents"], strict=True
            ):
                shown["file_name"] = document.file_name
                shown["file_present"] = simulator.reservations.file_present(document)
            listed.append(entry)
        return jsonify(listed)

    @control.get("/uploads/<number>/<document_id>.pdf")
    def uploaded_pdf(number: str, document_id: str) -> Response | tuple[Response, int]:
        """The stored file itself, so a test can read what a number would print."""
        reservation = simulator.reservations.get(number)
        document = reservation.document(document_id) if reservation else None
        if document is None or not simulator.reservations.file_present(document):
            return jsonify(
                {"error": {"code": "not_found", "message": "no such file"}}
            ), 404
        content = simulator.reservations.read(document)
        return Response(content, mimetype="application/pdf")

    @control.get("/callbacks")
    def callbacks() -> Response:
        return jsonify([d.to_dict() for d in simulator.callbacks.deliveries()])

    @control.get("/status")
    def status() -> Response:
        return jsonify(
            {"now": isoformat(simulator.clock.now()), **simulator.outage.describe()}
        )

    @control.post("/down")
    def down() -> Response | tuple[Response, int]:
        body = request.get_json(silent=True) or {}
        try:
            mode = OutageMode(body.get("mode", "refuse"))
            seconds = _number_or_none(body, "seconds")
            requests = _number_or_none(body, "requests")
            hang = _number_or_none(body, "hang_seconds")
        except ValueError as failure:
            return _bad(str(failure))
        simulator.outage.go_down(
            mode,
            seconds=seconds,
            requests=None if requests is None else int(requests),
            hang_seconds=30.0 if hang is None else hang,
        )
        return jsonify(simulator.outage.describe())

    @control.post("/up")
    def up() -> Response:
        simulator.outage.come_back()
        return jsonify(simulator.outage.describe())

    @control.post("/clock")
    def clock() -> Response | tuple[Response, int]:
        body = request.get_json(silent=True) or {}
        try:
            seconds = _number_or_none(body, "advance_seconds")
        except ValueError as failure:
            return _bad(str(failure))
        if seconds is None:
            return _bad("advance_seconds is required")
        now = simulator.clock.advance(timedelta(seconds=seconds))
        simulator.reservations.expire_due()
        return jsonify({"now": isoformat(now)})

    return control
