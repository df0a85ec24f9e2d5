"""Internal API for the admin console, on behalf of a staff member: the catalogue editor (tenant
admins) with its history, and the order search and detail. The tenant and the staff id come from
identity's assertion (ADR 0019); another tenant's order answers 404."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from shomei_ordering.entrypoints.api import ordering
from shomei_ordering.entrypoints.schemas import CatalogueBodySchema, OrderSearchSchema, TransferRefundSchema
from shomei_ordering.service_layer import queries, reversals
from shomei_ordering.service_layer.catalogues import catalogue_history, current_catalogue
from shomei_ordering.service_layer.commands import ChangeCatalogue, RecordTransferRefund
from shomei_ordering.service_layer.ports import OrderSearch
from shomei_shared.web.api import load_body, load_query
from shomei_shared.web.trust import callers, current_actor


def install(internal: Blueprint) -> None:
    @internal.get("/staff/catalogue")
    @callers("admin", acting="staff", role="tenant_admin")
    def staff_catalogue() -> Response:
        """The university's catalogue, for the editor.
        ---
        get:
          summary: Catalogue (editor)
          security: [{internal: []}]
          responses: {200: {description: "{types, usage_fee, print_charges, payment_methods}"}}
        """
        return jsonify(current_catalogue(current_actor().tenant_id, ordering().uow()).to_document())

    @internal.put("/staff/catalogue")
    @callers("admin", acting="staff", role="tenant_admin")
    def change_catalogue() -> Response:
        """Replace the catalogue (every rule checked, every problem at its field); recorded with who did it.
        ---
        put:
          summary: Change the catalogue
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: CatalogueBodySchema}}}
          responses:
            200: {description: "{changed: bool}"}
            400: {description: "field errors (catalogue.types.N.fee, catalogue.payment_methods, ...)"}
        """
        body = load_body(CatalogueBodySchema())
        actor = current_actor()
        changed = ordering().handle(ChangeCatalogue(tenant_id=actor.tenant_id, staff_id=actor.subject_id,
                                                    catalogue=body["catalogue"]))
        return jsonify(changed=changed)

    @internal.get("/staff/catalogue/history")
    @callers("admin", acting="staff", role="tenant_admin")
    def staff_catalogue_history() -> Response:
        """Every version of the catalogue, newest first, with who changed it and when.
        ---
        get:
          summary: Catalogue history
          security: [{internal: []}]
          responses: {200: {description: "{history: [{version, changed_at, staff_id, catalogue, correlation_id}]}"}}
        """
        return jsonify(history=catalogue_history(current_actor().tenant_id, ordering().uow()))

    @internal.get("/staff/orders")
    @callers("admin", acting="staff")
    def search_orders() -> Response:
        """The university's orders, newest first, filtered.
        ---
        get:
          summary: Order search
          security: [{internal: []}]
          parameters:
            - {name: status, in: query, schema: {type: string, enum: [placed, paid, cancelled, expired]}}
            - {name: student_number, in: query, schema: {type: string, maxLength: 40}}
            - {name: order_id, in: query, schema: {type: string, maxLength: 60}}
            - {name: account_id, in: query, schema: {type: string, maxLength: 60}}
            - {name: from, in: query, description: "first JST day placed", schema: {type: string, format: date}}
            - {name: to, in: query, description: "last JST day placed", schema: {type: string, format: date}}
            - {name: alert, in: query, description: "payment_reversed: money taken back after paying",
               schema: {type: string, enum: [payment_reversed]}}
            - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 500}}
          responses:
            200: {description: "{orders: [...]}"}
            400: {description: "field errors"}
        """
        found = load_query(OrderSearchSchema())
        return jsonify(orders=queries.search_orders(current_actor().tenant_id, OrderSearch(**found), ordering().uow()))

    @internal.get("/staff/orders/<order_id>")
    @callers("admin", acting="staff")
    def order_detail(order_id: str) -> Response:
        """One order with its lines and its whole history from its events.
        ---
        get:
          summary: Order detail
          security: [{internal: []}]
          parameters: [{name: order_id, in: path, required: true, schema: {type: string}}]
          responses:
            200: {description: "the order with lines and history [{event, at, correlation_id, ...}]"}
            404: {description: "no such order in this tenant"}
        """
        return jsonify(queries.order_detail(current_actor().tenant_id, order_id, ordering().uow()))

    @internal.get("/staff/unapplied-payments")
    @callers("admin", acting="staff")
    def unapplied_payments() -> Response:
        """Money received for orders that could not take it, not refunded yet (oldest first).
        ---
        get:
          summary: Money not applied (to refund)
          security: [{internal: []}]
          responses:
            200: {description: "{payments: [{payment_id, order_id, account_id, student_number, amount, ...}]}"}
        """
        return jsonify(payments=reversals.unapplied_of(current_actor().tenant_id, ordering().uow()))

    @internal.post("/staff/orders/<order_id>/unapplied-payments/<payment_id>/transfer-refund")
    @callers("admin", acting="staff", role="registrar")
    def transfer_refund(order_id: str, payment_id: str) -> Response:
        """Record that money not applied was refunded by bank transfer, with why (once).
        ---
        post:
          summary: Refunded by bank transfer
          security: [{internal: []}]
          parameters:
            - {name: order_id, in: path, required: true, schema: {type: string}}
            - {name: payment_id, in: path, required: true, schema: {type: string}}
          requestBody: {content: {application/json: {schema: TransferRefundSchema}}}
          responses:
            200: {description: "{recorded: true} (also when recorded before)"}
            400: {description: "field errors (reason)"}
            404: {description: "no such order in this tenant"}
            409: {description: "no money not applied by that payment on this order"}
        """
        body = load_body(TransferRefundSchema())
        actor = current_actor()
        ordering().handle(RecordTransferRefund(tenant_id=actor.tenant_id, staff_id=actor.subject_id,
                                               order_id=order_id, payment_id=payment_id, reason=body["reason"]))
        return jsonify(recorded=True)
