"""Internal API for the gateway, on behalf of a signed-in graduate: the printing side of their
order. The account and tenant are the assertion's (ADR 0019); another's order answers 404."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from shomei_print_gateway.service_layer.queries import print_status
from shomei_shared.web.app import current_service
from shomei_shared.web.trust import callers, current_actor


def install(internal: Blueprint) -> None:
    @internal.get("/print-orders/<order_id>")
    @callers("gateway", acting="graduate")
    def print_order(order_id: str) -> Response:
        """The order's reservation numbers, chain, deadline, per-copy printed state and the machine's steps.
        ---
        get:
          summary: Printing of one order
          security: [{internal: []}]
          parameters:
            - {name: order_id, in: path, required: true, schema: {type: string}}
          responses:
            200:
              description: "{order_id, status, print_channel, stores, deadline, steps, print_estimate (yen or
                null), reservations: [{number, pages, copies: [{certificate_id, title, copy_number, printed}]}]}"
            404: {description: "no such order of this graduate"}
        """
        actor = current_actor()
        return jsonify(print_status(order_id, actor.tenant_id, actor.subject_id, current_service().uow()))
