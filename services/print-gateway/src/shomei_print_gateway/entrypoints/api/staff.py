"""Internal API for the admin console, on behalf of staff: the university's print orders by the
console's filter (failed, waiting, issued, expired), one order's reservations and history, the
count of those wanting staff (the console's navigation shows it), and a retry of one whose
submission failed (registrars). The tenant and the staff id come from identity's assertion (ADR
0019); another tenant's order is 404."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify
from marshmallow import Schema, fields, validate

from shomei_print_gateway.service_layer.commands import RetryPrintOrder
from shomei_print_gateway.service_layer.queries import (
    STAFF_FILTERS,
    orders_needing_staff,
    staff_alerts,
    staff_print_order,
)
from shomei_shared.web.api import load_query
from shomei_shared.web.app import current_service
from shomei_shared.web.trust import callers, current_actor


class PrintOrderFilterSchema(Schema):
    state = fields.String(load_default=None, validate=validate.OneOf(tuple(STAFF_FILTERS)))


def install(internal: Blueprint) -> None:
    @internal.get("/staff/print-orders")
    @callers("admin", acting="staff")
    def print_orders_needing_staff() -> Response:
        """The university's paid orders by state; without one, those waiting for a provider,
        failed, or with an alert for staff.
        ---
        get:
          summary: Print orders
          security: [{internal: []}]
          parameters:
            - {name: state, in: query, schema: {type: string, enum: [failed, waiting, issued, expired]}}
          responses:
            200: {description: "{orders: [{order_id, state (due|failed|issued|withdrawn|expired), print_channel,
              provider, attempts, deadline, next_attempt_at, failure_reason, alert}]}"}
            400: {description: "state: not one of the filters"}
        """
        query = load_query(PrintOrderFilterSchema())
        return jsonify(orders=orders_needing_staff(current_actor().tenant_id, current_service().uow(),
                                                   query["state"]))

    @internal.get("/staff/print-orders/alerts")
    @callers("admin", acting="staff")
    def print_alerts() -> Response:
        """How many of the university's print orders want staff (failed, or alerted).
        ---
        get:
          summary: Print alerts
          security: [{internal: []}]
          responses:
            200: {description: "{alerts}"}
        """
        return jsonify(alerts=staff_alerts(current_actor().tenant_id, current_service().uow()))

    @internal.get("/staff/print-orders/<order_id>")
    @callers("admin", acting="staff")
    def print_order_for_staff(order_id: str) -> Response:
        """One order's printing: numbers, provider, copies printed, failure reason or alert, history.
        ---
        get:
          summary: One print order
          security: [{internal: []}]
          parameters:
            - {name: order_id, in: path, required: true, schema: {type: string}}
          responses:
            200: {description: "{order_id, state, print_channel, provider, attempts, deadline, failure_reason,
              alert, paid_at, copies, copies_printed, reservations: [{number, provider, state, copies:
              [{certificate_id, title, copy_number, pages, printed}]}], history: [{event, at, correlation_id,
              staff_id?, reason?, numbers?}]}"}
            404: {description: "no such print order in this tenant"}
        """
        return jsonify(staff_print_order(current_actor().tenant_id, order_id, current_service().uow()))

    @internal.post("/staff/print-orders/<order_id>/retry")
    @callers("admin", acting="staff", role="registrar")
    def retry_print_order(order_id: str) -> tuple[Response, int]:
        """Submit a failed order again (provider down past the configured time, or stopped).
        ---
        post:
          summary: Retry a failed submission
          security: [{internal: []}]
          parameters:
            - {name: order_id, in: path, required: true, schema: {type: string}}
          responses:
            202: {description: "{order_id}: queued for the next round"}
            404: {description: "no such print order in this tenant"}
            409: {description: "the order has not failed (a retry already queued it, a double click)"}
        """
        actor = current_actor()
        current_service().handle(RetryPrintOrder(tenant_id=actor.tenant_id, order_id=order_id,
                                                 staff_id=actor.subject_id))
        return jsonify(order_id=order_id), 202
