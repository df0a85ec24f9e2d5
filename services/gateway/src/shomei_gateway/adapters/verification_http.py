"""print-gateway's verification API behind the gateway's VerificationApi port (ADR 0036). The
public lookup names the university of the page's address; the graduate's list sends no tenant or
account: print-gateway takes both from identity's assertion (ADR 0019)."""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any

from shomei_gateway.adapters.identity_http import fields_as
from shomei_gateway.service_layer.verification import IssuedCertificate, Lookup, Verification
from shomei_shared.web.client import InternalClient


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def verification_of(found: dict[str, Any]) -> Verification:
    image = found.get("preview_png")
    return Verification(
        status=found["status"], verification_code=found["verification_code"], kind=found["kind"],
        title=found["title"], issued_on=date.fromisoformat(found["issued_on"]),
        retention_ends=date.fromisoformat(found["retention_ends"]), holder_name=found.get("holder_name"),
        certificate_number=found.get("certificate_number"),
        preview_png=base64.b64decode(image) if image else None,
        preview_pending=bool(found.get("preview_pending")), revoked_on=_day(found.get("revoked_on")),
        reason=found.get("reason"))


class HttpVerification:
    def __init__(self, client: InternalClient) -> None:
        self._client = client

    def verify(self, tenant_id: str, code: str, country: str | None) -> Verification:
        with fields_as({}):
            found = self._client.call("POST", "/internal/verifications",
                                      {"tenant_id": tenant_id, "code": code, "country": country})
        return verification_of(found)

    def certificates(self, tenant_id: str, account_id: str) -> list[IssuedCertificate]:
        with fields_as({}):
            found = self._client.call("GET", "/internal/account/certificates")
        return [IssuedCertificate(
            certificate_id=c["certificate_id"], title=c["title"], issued_on=date.fromisoformat(c["issued_on"]),
            certificate_number=c["certificate_number"], verification_code=c["verification_code"], status=c["status"],
            lookups=tuple(Lookup(datetime.fromisoformat(entry["at"]), entry["country"]) for entry in c["lookups"]))
            for c in found["certificates"]]
