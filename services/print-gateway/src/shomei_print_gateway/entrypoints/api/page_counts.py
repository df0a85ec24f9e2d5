"""Pages the university's certificates ran to, for the console's catalogue (issue 10): staff
compare them with the pages typed per type, which the graduates' print estimate multiplies. Any
staff member of the university may read them, as the print orders they come from (ADR 0019); the
tenant is the assertion's, so another university's certificates are never counted."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify
from marshmallow import Schema, fields

from shomei_print_gateway.entrypoints.api.verification import clock
from shomei_print_gateway.service_layer.page_counts import observed_pages
from shomei_shared.web.app import current_service
from shomei_shared.web.trust import callers, current_actor


class ObservedPagesSchema(Schema):
    kind = fields.String(required=True, metadata={"description": "the template (graduation, transcript, …)"})
    language = fields.String(required=True, metadata={"description": "ja | en"})
    certificates = fields.Integer(required=True, metadata={"description": "issued in the period, one per copy"})
    least = fields.Integer(required=True)
    median = fields.Float(required=True, metadata={"description": "halfway between the two middle ones for an "
                                                                   "even count"})
    most = fields.Integer(required=True)


class PageCountsSchema(Schema):
    days = fields.Integer(required=True, metadata={"description": "the period counted, up to now"})
    page_counts = fields.List(fields.Nested(ObservedPagesSchema), required=True)


def install(internal: Blueprint) -> None:
    @internal.get("/staff/page-counts")
    @callers("admin", acting="staff")
    def page_counts() -> Response:
        """Per template and language: certificates issued in the last 90 days and their pages.
        ---
        get:
          summary: Pages of issued certificates
          security: [{internal: []}]
          responses:
            200: {content: {application/json: {schema: PageCountsSchema}}}
        """
        observed = observed_pages(current_actor().tenant_id, current_service().uow(), clock().now())
        return jsonify(PageCountsSchema().dump(observed))
