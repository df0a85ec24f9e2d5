"""Internal API for the admin console, on behalf of staff: the orders not yet at the store, and a
retry of one whose submission failed.
The tenant and the staff id come from identity's assertion (ADR 0019); another tenant's order is 404."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from shomei_print_gateway.service_layer.commands import RetryPrintOrder
from shomei_print_gateway.service_layer.queries import orders_needing_staff
from shomei_shared.web.app import current_service
from shomei_shared.web.trust import callers, current_actor


def install(internal: Blueprint) -> None:
    @internal.get("/staff/print-orders")
    @callers("admin", acting="staff", role="registrar")
    def print_orders_needing_staff() -> Response:
        """The university's paid orders not yet at the store: waiting for a provider, or failed.
        ---
        get:
          summary: Print orders needing attention
          security: [{internal: []}]
          responses:
            200: {description: "{orders: [{order_id, state (due|failed), print_channel, attempts, deadline,
              next_attempt_at}]}"}
        """
        return jsonify(orders=orders_needing_staff(current_actor().tenant_id, current_service().uow()))

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
            409: {description: "the order has not failed"}
        """
        actor = current_actor()
        current_service().handle(RetryPrintOrder(tenant_id=actor.tenant_id, order_id=order_id,
                                                 staff_id=actor.subject_id))
        return jsonify(order_id=order_id), 202
