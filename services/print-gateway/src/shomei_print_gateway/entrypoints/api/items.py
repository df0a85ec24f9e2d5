"""The example's internal API: replace it with print-gateway's own areas.

Every endpoint declares who may call it and who acts (ADR 0019): an undeclared one is refused.
The tenant comes from the acting person's assertion, never from the path or the body."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from shomei_print_gateway.entrypoints.schemas import NewItemSchema
from shomei_print_gateway.service_layer.commands import CreateItem
from shomei_print_gateway.service_layer.items import item_of
from shomei_shared.web.api import load_body
from shomei_shared.web.app import current_service
from shomei_shared.web.trust import callers, current_actor


def install(internal: Blueprint) -> None:
    @internal.post("/items")
    @callers("admin", acting="staff", role="registrar")
    def create_item() -> tuple[Response, int]:
        """Create an item (the skeleton's example).
        ---
        post:
          summary: Create an item
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: NewItemSchema}}}
          responses:
            201: {description: "{item_id}"}
            400: {description: "field errors (ja/en)"}
        """
        body = load_body(NewItemSchema())
        item_id = current_service().handle(CreateItem(tenant_id=current_actor().tenant_id, title=body["title"]))
        return jsonify(item_id=item_id), 201

    @internal.get("/items/<item_id>")
    @callers("admin", acting="staff")
    def item(item_id: str) -> Response:
        """One item.
        ---
        get:
          summary: One item
          security: [{internal: []}]
          parameters:
            - {name: item_id, in: path, required: true, schema: {type: string}}
          responses:
            200: {description: "{id, tenant_id, title, created_at}"}
            404: {description: "no such item in this tenant"}
        """
        return jsonify(dict(item_of(item_id, current_actor().tenant_id, current_service().uow())))
