"""Internal API of tenants' profiles: read by the gateway, the console and the notifier (they
cache it briefly; public data, no person acting); changed by the console on behalf of a tenant
admin, whose tenant and staff id come from identity's assertion (ADR 0019), so a tenant admin can
only ever change their own university."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify
from marshmallow import Schema, fields

from shomei_enrollment.entrypoints.api import enrollment
from shomei_enrollment.entrypoints.schemas import base64_field
from shomei_enrollment.service_layer import tenant_profiles
from shomei_enrollment.service_layer.commands import ChangeTenantProfile
from shomei_shared.errors import InvalidInput
from shomei_shared.web.api import load_body
from shomei_shared.web.tenancy import is_tenant_id
from shomei_shared.web.trust import callers, current_actor


class TenantProfileChangeSchema(Schema):
    profile = fields.Dict(keys=fields.String(), required=True)
    logo = fields.String(load_default=None)  # base64; absent keeps the current logo
    seal = fields.String(load_default=None)  # base64 PNG; absent keeps the current seal


def _image(body: dict[str, Any], field: str) -> bytes | None:
    return base64_field(body[field], field) if body[field] else None


def install(internal: Blueprint) -> None:
    @internal.get("/tenants")
    @callers("gateway", "admin", "notifier")
    def list_tenants() -> Response:
        """Every university's profile (the gateway's directory at its root).
        ---
        get:
          summary: Tenants' profiles
          security: [{internal: []}]
          responses: {200: {description: "{tenants: [profile]}"}}
        """
        return jsonify(tenants=tenant_profiles.all_profiles(enrollment().uow()))

    @internal.get("/tenants/<tenant_id>/profile")
    @callers("gateway", "admin", "notifier")
    def read_tenant_profile(tenant_id: str) -> Response:
        """A university's names, colours, texts, contact address, closures and logo version.
        ---
        get:
          summary: Tenant profile
          security: [{internal: []}]
          parameters: [{name: tenant_id, in: path, required: true, schema: {type: string}}]
          responses: {200: {description: profile}, 404: {description: no such tenant}}
        """
        return jsonify(tenant_profiles.profile_of(tenant_id, enrollment().uow()))

    @internal.put("/staff/tenant-profile")
    @callers("admin", acting="staff", role="tenant_admin")
    def change_tenant_profile() -> Response:
        """Change the profile, issuer details and images (a tenant admin, through the console); every
        change is recorded.
        ---
        put:
          summary: Change tenant profile
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: TenantProfileChangeSchema}}}
          responses:
            200: {description: "{changed: [field names], profile}"}
            400: {description: "field errors (ja/en)"}
        """
        body = load_body(TenantProfileChangeSchema())
        service, actor = enrollment(), current_actor()
        tenant_id = actor.tenant_id
        if not is_tenant_id(tenant_id):  # it will be a path segment of every address of the university
            raise InvalidInput.one("tenant_id_format", "tenant_id")
        changed = service.handle(ChangeTenantProfile(tenant_id=tenant_id, staff_id=actor.subject_id,
                                                        profile=body["profile"], logo=_image(body, "logo"),
                                                        seal=_image(body, "seal")))
        return jsonify(changed=changed, profile=tenant_profiles.profile_of(tenant_id, service.uow()))

    @internal.get("/staff/tenant-profile/history")
    @callers("admin", acting="staff", role="tenant_admin")
    def tenant_profile_history() -> Response:
        """Who changed the profile when, and to what, newest first.
        ---
        get:
          summary: Tenant profile history
          security: [{internal: []}]
          responses: {200: {description: "{history: [{occurred_at, staff_id, changes}]}"}}
        """
        return jsonify(history=tenant_profiles.history_of(current_actor().tenant_id, enrollment().uow()))

    @internal.get("/tenants/<tenant_id>/logo")
    @callers("gateway", "admin")
    def tenant_logo(tenant_id: str) -> Response:
        """The logo as stored (re-encoded PNG or JPEG).
        ---
        get:
          summary: Tenant logo
          security: [{internal: []}]
          parameters: [{name: tenant_id, in: path, required: true, schema: {type: string}}]
          responses: {200: {description: image}, 404: {description: no logo}}
        """
        content, media_type = tenant_profiles.logo_of(tenant_id, enrollment().uow())
        return Response(content, content_type=media_type)

    @internal.get("/tenants/<tenant_id>/seal")
    @callers("admin")
    def tenant_seal(tenant_id: str) -> Response:
        """The seal as stored (re-encoded PNG), for the console to show beside the president's name.
        ---
        get:
          summary: Tenant seal
          security: [{internal: []}]
          parameters: [{name: tenant_id, in: path, required: true, schema: {type: string}}]
          responses: {200: {description: image/png}, 404: {description: no seal}}
        """
        return Response(tenant_profiles.seal_of(tenant_id, enrollment().uow()), content_type="image/png")
