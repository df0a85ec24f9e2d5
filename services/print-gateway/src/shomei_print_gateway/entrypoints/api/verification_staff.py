"""Verification in the console (ADR 0036): staff find a certificate by its code or its order,
see its history and lookups, revoke it with a reason (registrars), and read the lookup log. The
tenant and the staff member come from identity's assertion; another university's certificate
answers 404."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from shomei_print_gateway.entrypoints.api.verification import retention, today
from shomei_print_gateway.entrypoints.verification_schemas import CertificateSearchSchema, RevocationBodySchema
from shomei_print_gateway.service_layer.verification import (
    certificate_detail,
    search_certificates,
    verification_log,
)
from shomei_print_gateway.service_layer.verification_commands import RevokeCertificate
from shomei_shared.web.api import load_body, load_query
from shomei_shared.web.app import current_service
from shomei_shared.web.trust import callers, current_actor


def install(internal: Blueprint) -> None:
    @internal.get("/staff/certificates")
    @callers("admin", acting="staff")
    def search() -> Response:
        """The university's certificates by verification code or order, newest first.
        ---
        get:
          summary: Certificate search
          security: [{internal: []}]
          parameters:
            - {name: code, in: query, schema: {type: string, maxLength: 60}}
            - {name: order_id, in: query, schema: {type: string, maxLength: 60}}
          responses:
            200: {description: "{certificates: [...]}"}
            400: {description: "code: not a code"}
        """
        query = load_query(CertificateSearchSchema())
        found = search_certificates(current_actor().tenant_id, query["code"], query["order_id"],
                                    current_service().uow(), retention(), today())
        return jsonify(certificates=found)

    @internal.get("/staff/certificates/<certificate_id>")
    @callers("admin", acting="staff")
    def detail(certificate_id: str) -> Response:
        """One certificate with its image, history and lookups.
        ---
        get:
          summary: Certificate detail
          security: [{internal: []}]
          parameters: [{name: certificate_id, in: path, required: true, schema: {type: string}}]
          responses:
            200: {description: "the certificate with history and lookups"}
            404: {description: "no such certificate in this university"}
        """
        return jsonify(certificate_detail(current_actor().tenant_id, certificate_id, current_service().uow(),
                                          retention(), today()))

    @internal.post("/staff/certificates/<certificate_id>/revocation")
    @callers("admin", acting="staff", role="registrar")
    def revoke(certificate_id: str) -> Response:
        """Revoke a certificate with a reason; asked again, answered from its state.
        ---
        post:
          summary: Revoke a certificate
          security: [{internal: []}]
          parameters: [{name: certificate_id, in: path, required: true, schema: {type: string}}]
          requestBody: {content: {application/json: {schema: RevocationBodySchema}}}
          responses:
            200: {description: "{outcome: revoked|already}"}
            400: {description: "reason: required or too long"}
            404: {description: "no such certificate in this university"}
        """
        body = load_body(RevocationBodySchema())
        actor = current_actor()
        outcome = current_service().handle(RevokeCertificate(
            tenant_id=actor.tenant_id, certificate_id=certificate_id, staff_id=actor.subject_id,
            reason=body["reason"]))
        return jsonify(outcome=outcome)

    @internal.get("/staff/verifications")
    @callers("admin", acting="staff")
    def log() -> Response:
        """The university's lookups, newest first: when, country, outcome, which certificate.
        ---
        get:
          summary: Verification log
          security: [{internal: []}]
          responses:
            200: {description: "{lookups: [{at, country, outcome, certificate_id, certificate_number}]}"}
        """
        return jsonify(lookups=verification_log(current_actor().tenant_id, current_service().uow()))
