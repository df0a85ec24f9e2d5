"""Enrollment's tenant-profile API behind the console's TenantAdminApi port. Enrollment takes the
tenant and the staff member from identity's assertion (ADR 0019): a tenant admin can only ever
change their university."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from shomei_admin.adapters.http import upstream
from shomei_admin.service_layer.ports import ProfileChange, StaffSession
from shomei_shared.web.client import InternalClient, ServiceError
from shomei_shared.web.paths import url_path


class HttpTenantAdmin:
    def __init__(self, client: InternalClient) -> None:
        self._client = client

    def profile(self, staff: StaffSession) -> dict[str, Any]:
        with upstream():
            return dict(self._client.call("GET", url_path("/internal/tenants/{}/profile", staff.tenant_id)))

    def change_profile(self, staff: StaffSession, profile: dict[str, Any], logo: bytes | None,
                       seal: bytes | None = None) -> list[str]:
        body: dict[str, Any] = {"profile": profile}
        for name, image in (("logo", logo), ("seal", seal)):
            if image:
                body[name] = base64.b64encode(image).decode()
        with upstream():
            found = self._client.call("PUT", "/internal/staff/tenant-profile", body)
        return list(found["changed"])

    def seal(self, staff: StaffSession) -> bytes | None:
        try:
            content, _ = self._client.call("GET", url_path("/internal/tenants/{}/seal", staff.tenant_id))
        except ServiceError as error:
            if error.status == 404:
                return None
            raise
        return bytes(content)

    def history(self, staff: StaffSession) -> list[ProfileChange]:
        with upstream():
            found = self._client.call("GET", "/internal/staff/tenant-profile/history")
        return [ProfileChange(datetime.fromisoformat(h["occurred_at"].replace("Z", "+00:00")), h["staff_id"],
                              tuple(sorted(h["changes"]))) for h in found["history"]]
