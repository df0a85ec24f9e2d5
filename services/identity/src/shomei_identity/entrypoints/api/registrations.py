"""Registration (rule 8): start with an e-mail address, verify by the one-time URL's token."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from shomei_identity.entrypoints.api.common import iso, run
from shomei_identity.entrypoints.api.schemas import StartRegistrationSchema, TokenSchema
from shomei_identity.service_layer import commands as c
from shomei_shared.web.api import load_body
from shomei_shared.web.trust import callers


def install(bp: Blueprint) -> None:
    @bp.post("/registrations")
    @callers("gateway")
    def start_registration() -> tuple[Response, int]:
        """Start a registration; the confirmation mail's URL is redeemable by the notifier.
        ---
        post:
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: StartRegistrationSchema}}}
          responses:
            201: {description: "registration_id and expires_at"}
            400: {description: invalid input}
        """
        body = load_body(StartRegistrationSchema())
        started = run(c.StartRegistration(body["tenant_id"], body["email"], body["locale"]))
        return jsonify(registration_id=started.registration_id, expires_at=iso(started.expires_at)), 201

    @bp.post("/registrations/verify")
    @callers("gateway")
    def verify_registration() -> Response:
        """Verify the e-mail address by the token of the one-time URL (single use).
        ---
        post:
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: TokenSchema}}}
          responses:
            200: {description: "registration_id, tenant_id, email, locale"}
            400: {description: token invalid, used or expired}
            409: {description: already verified}
        """
        body = load_body(TokenSchema())
        verified = run(c.VerifyRegistration(body["token"], body["tenant_id"]))
        return jsonify(registration_id=verified.registration_id, tenant_id=verified.tenant_id,
                       email=verified.email, locale=verified.locale)
