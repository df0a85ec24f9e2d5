"""``/_sim/...``: see bills and notices, pay without the page, confirm or cancel a 速報, resend."""

from datetime import datetime

from flask import Blueprint, Response, jsonify

from shomei_simulators.control import json_body
from shomei_simulators.smartpit.api import smartpit_errors
from shomei_simulators.smartpit.app import SmartPitSimulator
from shomei_simulators.smartpit.bills import parse_due

Reply = Response | tuple[Response, int]


def control_blueprint(sim: SmartPitSimulator) -> Blueprint:
    control = Blueprint("smartpit_control", __name__, url_prefix="/_sim")
    centre, notices = sim.centre, sim.notices

    @control.get("/bills")
    def bills() -> Reply:
        with centre.lock:
            return jsonify([b.to_dict(centre.payments) for b in centre.bills.values()])

    @control.get("/notices")
    def list_notices() -> Reply:
        return jsonify(notices.list())

    @control.post("/bills/<number>/pay")
    @smartpit_errors
    def pay(number: str) -> Reply:
        """``{"store": "lawson", "paid_at"?: ISO 8601}``: paid at the register, even past the deadline."""
        body = json_body()
        paid_at: datetime | None = parse_due(body["paid_at"]) if "paid_at" in body else None
        payment = centre.pay(number, str(body.get("store", "lawson")), paid_at=paid_at, late=True)
        return jsonify(notices.send("quick", centre.bill(number), payment)), 201

    def change(payment_id: str, status: str) -> Reply:
        payment = centre.change_payment(payment_id, status)
        return jsonify(notices.send(status, centre.bill(payment.number), payment)), 201

    @control.post("/payments/<payment_id>/confirm")
    @smartpit_errors
    def confirm(payment_id: str) -> Reply:
        return change(payment_id, "confirmed")

    @control.post("/payments/<payment_id>/cancel-quick")
    @smartpit_errors
    def cancel_quick(payment_id: str) -> Reply:
        return change(payment_id, "quick_cancelled")

    @control.post("/notices/<notice_id>/redeliver")
    def redeliver(notice_id: str) -> Reply:
        delivery = notices.redeliver(notice_id)
        if delivery is None:
            return jsonify({"error": "unknown notice, or no notice URL"}), 404
        return jsonify(delivery.to_dict()), 202

    return control
