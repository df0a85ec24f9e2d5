"""Internal API for the gateway, on behalf of a signed-in graduate: the catalogue of their
university, and their own orders. The tenant and the account come from identity's assertion
(ADR 0019), never from the path or the body; another graduate's order answers 404."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify

from shomei_ordering.domain.quote import Eligibility, Line
from shomei_ordering.entrypoints.api import ordering
from shomei_ordering.entrypoints.schemas import PaymentMethodSchema, PlaceOrderSchema, QuoteSchema
from shomei_ordering.service_layer import queries
from shomei_ordering.service_layer.catalogues import current_catalogue
from shomei_ordering.service_layer.commands import CancelOrder, ChangePaymentMethod, PlaceOrder, QuoteOrder
from shomei_shared.web.api import load_body
from shomei_shared.web.trust import callers, current_actor


def _choices(body: dict[str, Any]) -> dict[str, Any]:
    """The order's choices as the commands take them (quote and place read the same body)."""
    return {"eligibility": Eligibility(body["student_number"], body["enrollment_status"], body["programme"]),
            "print_channel": body["print_channel"], "payment_method": body["payment_method"],
            "lines": tuple(Line(line["type"], line["copies"]) for line in body["lines"])}


def install(internal: Blueprint) -> None:
    @internal.get("/catalogue")
    @callers("gateway", acting="graduate")
    def catalogue() -> Response:
        """The certificate types, fees, print charges and payment methods of the graduate's university.
        ---
        get:
          summary: Catalogue for ordering
          security: [{internal: []}]
          responses:
            200: {description: "{types: [...], usage_fee, print_charges: {netprint, sharp}, payment_methods}"}
        """
        return jsonify(current_catalogue(current_actor().tenant_id, ordering().uow()).to_document())

    @internal.post("/quotes")
    @callers("gateway", acting="graduate")
    def quote() -> Response:
        """What placing these choices now would record, for the confirmation page; stores nothing.
        ---
        post:
          summary: Quote an order
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: QuoteSchema}}}
          responses:
            200: {description: "{lines: [{type, name_ja, name_en, fee, copies, pages}], usage_fee, total,
              print_estimate, deadline, ends_at} (deadline by ordering's clock)"}
            400: {description: "field errors, as for placing"}
        """
        body = load_body(QuoteSchema())
        quoted = ordering().handle(QuoteOrder(tenant_id=current_actor().tenant_id, **_choices(body)))
        return jsonify(quoted.to_document())

    @internal.post("/orders")
    @callers("gateway", acting="graduate")
    def place_order() -> tuple[Response, int]:
        """Place an order; the same idempotency key answers the same order, never a second one.
        ---
        post:
          summary: Place an order
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: PlaceOrderSchema}}}
          responses:
            201: {description: "{order_id} (the same for the same idempotency_key)"}
            400: {description: "field errors (lines.N.type, lines.N.copies, lines, payment_method, ...)"}
            409: {description: "deadline: the deadline is no longer confirmed_deadline (midnight JST passed)"}
        """
        body = load_body(PlaceOrderSchema())
        actor = current_actor()
        order_id = ordering().handle(PlaceOrder(
            tenant_id=actor.tenant_id, account_id=actor.subject_id, idempotency_key=body["idempotency_key"],
            confirmed_deadline=body["confirmed_deadline"], **_choices(body)))
        return jsonify(order_id=order_id), 201

    @internal.get("/orders")
    @callers("gateway", acting="graduate")
    def my_orders() -> Response:
        """The graduate's orders (申請履歴), newest first.
        ---
        get:
          summary: The graduate's orders
          security: [{internal: []}]
          responses:
            200: {description: "{orders: [{id, status, total, placed_at, deadline, ...}]}"}
        """
        actor = current_actor()
        return jsonify(orders=queries.orders_of(actor.tenant_id, actor.subject_id, ordering().uow()))

    @internal.get("/orders/<order_id>")
    @callers("gateway", acting="graduate")
    def my_order(order_id: str) -> Response:
        """One of the graduate's orders with its lines and history.
        ---
        get:
          summary: One of the graduate's orders
          security: [{internal: []}]
          parameters: [{name: order_id, in: path, required: true, schema: {type: string}}]
          responses:
            200: {description: "the order with lines and history"}
            404: {description: "no such order of this graduate"}
        """
        actor = current_actor()
        return jsonify(queries.order_detail(actor.tenant_id, order_id, ordering().uow(), account_id=actor.subject_id))

    @internal.post("/orders/<order_id>/cancellation")
    @callers("gateway", acting="graduate")
    def cancel(order_id: str) -> Response:
        """Cancel an unpaid order of the graduate's.
        ---
        post:
          summary: Cancel an unpaid order
          security: [{internal: []}]
          parameters: [{name: order_id, in: path, required: true, schema: {type: string}}]
          responses:
            200: {description: "{status: cancelled}"}
            404: {description: "no such order of this graduate"}
            409: {description: "paid or expired: cannot be cancelled"}
        """
        actor = current_actor()
        ordering().handle(CancelOrder(tenant_id=actor.tenant_id, order_id=order_id, account_id=actor.subject_id))
        return jsonify(status="cancelled")

    @internal.post("/orders/<order_id>/payment-method")
    @callers("gateway", acting="graduate")
    def change_payment_method(order_id: str) -> Response:
        """Pay an unpaid order of the graduate's another way (the same method again changes nothing).
        ---
        post:
          summary: Change an unpaid order's payment method
          security: [{internal: []}]
          parameters: [{name: order_id, in: path, required: true, schema: {type: string}}]
          requestBody: {content: {application/json: {schema: PaymentMethodSchema}}}
          responses:
            200: {description: "{payment_method}"}
            400: {description: "field errors (payment_method: not offered, over the method's limit)"}
            404: {description: "no such order of this graduate"}
            409: {description: "paid, expired or cancelled"}
        """
        body = load_body(PaymentMethodSchema())
        actor = current_actor()
        method = ordering().handle(ChangePaymentMethod(tenant_id=actor.tenant_id, account_id=actor.subject_id,
                                                       order_id=order_id, payment_method=body["payment_method"]))
        return jsonify(payment_method=method)
