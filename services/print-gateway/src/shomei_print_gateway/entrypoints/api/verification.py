"""Verification's internal API (ADR 0036): the public lookup the gateway makes for nobody in
particular, and the graduate's own certificates with who checked them. The graduate's tenant and
account come from identity's assertion (ADR 0019); the public lookup names its university in the
body, as the page's address does, and sees only that university's certificates."""

from __future__ import annotations

from datetime import date
from typing import cast

from flask import Blueprint, Response, current_app, jsonify

from shomei_print_gateway.domain.deadlines import tokyo_date
from shomei_print_gateway.domain.verification import Retention
from shomei_print_gateway.entrypoints.verification_schemas import VerifyBodySchema
from shomei_print_gateway.service_layer.verification import certificates_of
from shomei_print_gateway.service_layer.verification_commands import VerifyCertificate
from shomei_shared.clock import Clock
from shomei_shared.web.api import load_body
from shomei_shared.web.app import current_service
from shomei_shared.web.trust import callers, current_actor

RETENTION, CLOCK = "shomei.retention", "shomei.clock"


def retention() -> Retention:
    return cast(Retention, current_app.extensions[RETENTION])


def clock() -> Clock:
    return cast(Clock, current_app.extensions[CLOCK])


def today() -> date:
    return tokyo_date(clock().now())


def install(internal: Blueprint) -> None:
    @internal.post("/verifications")
    @callers("gateway")
    def verify() -> Response:
        """Look a certificate up by its code (typed or scanned); the lookup is recorded.
        ---
        post:
          summary: Verify a certificate
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: VerifyBodySchema}}}
          responses:
            200: {description: "{status: valid|revoked|retention_passed, title, issued_on, holder_name, ...,
              preview_png: base64 or null, preview_pending: true while the image is still to be made}"}
            400: {description: "code: not a code (16 characters of the alphabet)"}
            404: {description: "code: no certificate of this university has it"}
        """
        body = load_body(VerifyBodySchema())
        return jsonify(current_service().handle(VerifyCertificate(tenant_id=body["tenant_id"], code=body["code"],
                                                                  country=body["country"])))

    @internal.get("/account/certificates")
    @callers("gateway", acting="graduate")
    def my_certificates() -> Response:
        """The graduate's issued certificates, each with who checked it (time, country).
        ---
        get:
          summary: The graduate's certificates and their lookups
          security: [{internal: []}]
          responses:
            200: {description: "{certificates: [{certificate_id, title, issued_on, status, lookups: [{at, country}]}]}"}
        """
        actor = current_actor()
        return jsonify(certificates=certificates_of(actor.tenant_id, actor.subject_id, current_service().uow(),
                                                    retention(), today()))
