"""The graduate's Smart Pit bill, called by the gateway (ADR 0019): tenant and account from the assertion."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from shomei_payment.entrypoints.schemas import OrderRefSchema
from shomei_payment.service_layer.commands import RegisterSmartPitBill
from shomei_shared.web.api import load_body
from shomei_shared.web.app import current_service
from shomei_shared.web.trust import callers, current_actor


def install(internal: Blueprint) -> None:
    @internal.post("/payments/smartpit")
    @callers("gateway", acting="graduate")
    def smartpit_bill() -> tuple[Response, int]:
        """Register the order's Smart Pit bill (once): the number to pay at the store.
        ---
        post:
          summary: Register a Smart Pit bill
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: OrderRefSchema}}}
          responses:
            201: {description: "{smartpit_number}"}
            404: {description: "no payment for this order of this graduate (yet)"}
            409: {description: "paid, past its deadline, or not a Smart Pit order"}
        """
        body = load_body(OrderRefSchema())
        actor = current_actor()
        number = current_service().handle(RegisterSmartPitBill(
            tenant_id=actor.tenant_id, account_id=actor.subject_id, order_id=body["order_id"]))
        return jsonify(smartpit_number=number), 201
