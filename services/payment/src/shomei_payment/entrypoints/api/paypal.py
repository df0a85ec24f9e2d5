"""The graduate's PayPal payment, called by the gateway (ADR 0019): the tenant and the account
are the assertion's, never the body's; another graduate's order is as missing as none."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from shomei_payment.entrypoints.schemas import PayPalReturnSchema, StartPayPalSchema
from shomei_payment.service_layer.commands import CapturePayPalPayment, StartPayPalPayment
from shomei_payment.service_layer.payments import payment_of
from shomei_shared.web.api import load_body
from shomei_shared.web.app import current_service
from shomei_shared.web.trust import callers, current_actor


def install(internal: Blueprint) -> None:
    @internal.post("/payments/paypal")
    @callers("gateway", acting="graduate")
    def start_paypal() -> tuple[Response, int]:
        """Start paying an order by PayPal: where to send the browser.
        ---
        post:
          summary: Start a PayPal payment
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: StartPayPalSchema}}}
          responses:
            201: {description: "{approve_url}"}
            400: {description: "field errors (ja/en)"}
            404: {description: "no payment for this order of this graduate (yet)"}
            409: {description: "paid, pending, past its deadline, or not a PayPal order"}
        """
        body = load_body(StartPayPalSchema())
        actor = current_actor()
        approve_url = current_service().handle(StartPayPalPayment(
            tenant_id=actor.tenant_id, account_id=actor.subject_id, order_id=body["order_id"],
            return_url=body["return_url"], cancel_url=body["cancel_url"]))
        return jsonify(approve_url=approve_url), 201

    @internal.post("/payments/paypal/return")
    @callers("gateway", acting="graduate")
    def paypal_return() -> Response:
        """The browser came back from PayPal: capture the payment (once, however often asked).
        ---
        post:
          summary: Capture an approved PayPal payment
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: PayPalReturnSchema}}}
          responses:
            200: {description: "{status}: captured, pending, declined (try again) or refunded"}
            404: {description: "no payment for this order of this graduate"}
            409: {description: "not approved at PayPal, not started, or another payment's token"}
        """
        body = load_body(PayPalReturnSchema())
        actor = current_actor()
        status = current_service().handle(CapturePayPalPayment(
            tenant_id=actor.tenant_id, account_id=actor.subject_id, order_id=body["order_id"], token=body["token"]))
        return jsonify(status=status)

    @internal.get("/payments/<order_id>")
    @callers("gateway", acting="graduate")
    def payment(order_id: str) -> Response:
        """The payment of one of the graduate's orders.
        ---
        get:
          summary: A payment
          security: [{internal: []}]
          parameters:
            - {name: order_id, in: path, required: true, schema: {type: string}}
          responses:
            200: {description: "{order_id, method, amount, status}"}
            404: {description: "no payment for this order of this graduate"}
        """
        actor = current_actor()
        row = payment_of(actor.tenant_id, actor.subject_id, order_id, current_service().uow())
        return jsonify({key: row[key] for key in ("order_id", "method", "amount", "status")})
