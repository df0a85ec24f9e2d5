"""Internal API for the admin console, on behalf of a staff member (ADR 0019): an order's payments
with what the providers told us of them. The tenant comes from identity's assertion; another
tenant's order answers an empty list, as an order without a payment does."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from shomei_payment.entrypoints.schemas import RefundSchema, StaffPaymentsQuerySchema
from shomei_payment.service_layer.commands import RefundPayment
from shomei_payment.service_layer.staff_queries import payments_for_staff
from shomei_shared.web.api import load_body, load_query
from shomei_shared.web.app import current_service
from shomei_shared.web.trust import callers, current_actor


def install(internal: Blueprint) -> None:
    @internal.get("/staff/payments")
    @callers("admin", acting="staff")
    def staff_payments() -> Response:
        """An order's payments, each with its history: every message of PayPal or Smart Pit that
        moved it (what, when, through which correlation), from the payment's events.
        ---
        get:
          summary: Payments of an order (staff)
          security: [{internal: []}]
          parameters:
            - {name: order_id, in: query, required: true, schema: {type: string, minLength: 1, maxLength: 60}}
          responses:
            200: {description: "{payments: [{id, order_id, method, amount, status, history: [...]}]}"}
            400: {description: "field errors (order_id)"}
        """
        query = load_query(StaffPaymentsQuerySchema())
        return jsonify(payments=payments_for_staff(current_actor().tenant_id, query["order_id"],
                                                   current_service().uow()))

    @internal.post("/staff/payments/<payment_id>/refunds")
    @callers("admin", acting="staff", role="registrar")
    def refund(payment_id: str) -> tuple[Response, int]:
        """Refund (part of) a captured PayPal payment, with the staff member's reason; after the
        order's print deadline only with a reason for that too. The same `request_key` again (a
        double click) is the same refund.
        ---
        post:
          summary: Refund a payment (registrar or tenant admin)
          security: [{internal: []}]
          parameters: [{name: payment_id, in: path, required: true, schema: {type: string}}]
          requestBody: {content: {application/json: {schema: RefundSchema}}}
          responses:
            201: {description: "{refund_id, amount, status, refunded}"}
            400: {description: "field errors: amount (more than is left), reason, override_reason (after the deadline)"}
            404: {description: "no such payment in this tenant"}
            409: {description: "not a captured PayPal payment"}
        """
        body = load_body(RefundSchema())
        actor = current_actor()
        found = current_service().handle(RefundPayment(
            tenant_id=actor.tenant_id, staff_id=actor.subject_id, payment_id=payment_id,
            request_key=body["request_key"], amount=body["amount"], reason=body["reason"],
            override_reason=body["override_reason"]))
        return jsonify(found), 201
