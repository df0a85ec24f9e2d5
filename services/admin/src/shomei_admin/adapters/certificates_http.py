"""print-gateway's staff verification API behind the console's CertificatesApi port (ADR 0036)."""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from shomei_admin.adapters.http import upstream
from shomei_admin.service_layer.certificates import (
    CertificateDetail,
    CertificateEvent,
    CertificateSummary,
    LoggedLookup,
)
from shomei_admin.service_layer.ports import StaffSession
from shomei_shared.web.client import InternalClient
from shomei_shared.web.paths import url_path


def _summary(row: dict[str, Any]) -> CertificateSummary:
    return CertificateSummary(row["certificate_id"], row["order_id"], row["title"], row["holder_name"],
                              date.fromisoformat(row["issued_on"]), row["certificate_number"],
                              row["verification_code"], row["status"])


def _lookup(row: dict[str, Any]) -> LoggedLookup:
    return LoggedLookup(datetime.fromisoformat(row["at"]), row.get("country"), row["outcome"],
                        row.get("certificate_id"), row.get("certificate_number"))


class HttpCertificates:
    def __init__(self, client: InternalClient) -> None:
        self._client = client

    def search(self, staff: StaffSession, code: str, order_id: str) -> list[CertificateSummary]:
        query = {name: value for name, value in (("code", code), ("order_id", order_id)) if value}
        with upstream():
            found = self._client.call("GET", "/internal/staff/certificates" + (f"?{urlencode(query)}" if query else ""))
        return [_summary(row) for row in found["certificates"]]

    def certificate(self, staff: StaffSession, certificate_id: str) -> CertificateDetail:
        with upstream():
            row = self._client.call("GET", url_path("/internal/staff/certificates/{}", certificate_id))
        history = tuple(CertificateEvent(datetime.fromisoformat(e["at"]), e["event"], e.get("staff_id") or "",
                                         e.get("reason") or "", e.get("correlation_id") or "") for e in row["history"])
        return CertificateDetail(_summary(row), history, tuple(_lookup(entry) for entry in row["lookups"]),
                                 row.get("reason"), base64.b64decode(row.get("preview_png") or ""),
                                 bool(row.get("preview_pending")))

    def revoke(self, staff: StaffSession, certificate_id: str, reason: str) -> str:
        with upstream():
            found = self._client.call("POST", url_path("/internal/staff/certificates/{}/revocation", certificate_id),
                                      {"reason": reason})
        return str(found["outcome"])

    def lookups(self, staff: StaffSession) -> list[LoggedLookup]:
        with upstream():
            found = self._client.call("GET", "/internal/staff/verifications")
        return [_lookup(row) for row in found["lookups"]]
