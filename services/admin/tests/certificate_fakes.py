"""In-memory verification for the console's tests (ADR 0036); tests/integration's
test_admin_certificates_contract.py holds it and the HTTP adapter against the real print-gateway
to the same cases."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from verification_fakes import MALFORMED, grouped

from shomei_admin.service_layer.certificates import (
    CertificateDetail,
    CertificateEvent,
    CertificateSummary,
    LoggedLookup,
)
from shomei_admin.service_layer.ports import StaffSession, UpstreamError

NOT_FOUND = "見つかりません。"


@dataclass
class FakeCertificates:
    now: datetime = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)
    issued: dict[str, tuple[str, CertificateDetail]] = field(default_factory=dict)  # id → (tenant, detail)
    logged: list[tuple[str, LoggedLookup]] = field(default_factory=list)  # (tenant, lookup), oldest first

    def issue(self, tenant: str, order_id: str, code: str, *, number: str = "No. 0001", holder_name: str = "証明 太郎",
              issued_on: date = date(2026, 4, 1), image: bytes | None = b"\x89PNG fake") -> str:
        """`image` None: print-gateway has yet to make it (ADR 0039); empty: it never will."""
        certificate_id = f"certificate-{len(self.issued) + 1}"
        summary = CertificateSummary(certificate_id, order_id, "卒業証明書", holder_name, issued_on, number, code,
                                     "valid")
        issued = CertificateEvent(datetime.combine(issued_on, datetime.min.time(), UTC), "CertificateIssued")
        self.issued[certificate_id] = (tenant, CertificateDetail(summary, (issued,), (), None, image or b"",
                                                                         preview_pending=image is None))
        return certificate_id

    def looked_up(self, tenant: str, code: str, country: str | None, at: datetime) -> None:
        """A lookup at the public page, as print-gateway records it."""
        found = next((d for t, d in self.issued.values() if t == tenant and d.summary.verification_code == code), None)
        outcome = "unknown" if found is None else found.summary.status
        self.logged.append((tenant, LoggedLookup(at, country, outcome, found and found.summary.certificate_id,
                                                 found and found.summary.certificate_number)))

    def _own(self, staff: StaffSession, certificate_id: str) -> CertificateDetail:
        tenant, detail = self.issued.get(certificate_id, ("", None))
        if detail is None or tenant != staff.tenant_id:
            raise UpstreamError(404, {"certificate_id": NOT_FOUND})
        return detail

    def search(self, staff: StaffSession, code: str, order_id: str) -> list[CertificateSummary]:
        wanted = grouped(code) if code else ""
        if code and not wanted:
            raise UpstreamError(400, {"code": MALFORMED[0]})
        found = [d.summary for t, d in self.issued.values() if t == staff.tenant_id
                 and (not wanted or d.summary.verification_code == wanted)
                 and (not order_id or d.summary.order_id == order_id)]
        return sorted(found, key=lambda c: (c.issued_on, c.certificate_number), reverse=True)

    def certificate(self, staff: StaffSession, certificate_id: str) -> CertificateDetail:
        detail = self._own(staff, certificate_id)
        lookups = tuple(lookup for tenant, lookup in reversed(self.logged)
                        if tenant == staff.tenant_id and lookup.certificate_id == certificate_id)
        return replace(detail, lookups=lookups)

    def revoke(self, staff: StaffSession, certificate_id: str, reason: str) -> str:
        if not staff.may("registrar"):
            raise UpstreamError(403, {"_request": "この操作の権限がありません。"})
        detail = self._own(staff, certificate_id)
        cleaned = " ".join(reason.split())
        if not cleaned:
            raise UpstreamError(400, {"reason": "入力してください。"})
        if detail.summary.status == "revoked":
            return "already"
        revoked = CertificateEvent(self.now, "CertificateRevoked", staff.staff_id, cleaned, "correlation")
        self.issued[certificate_id] = (staff.tenant_id, replace(
            detail, summary=replace(detail.summary, status="revoked"), reason=cleaned,
            history=(*detail.history, revoked)))
        return "revoked"

    def lookups(self, staff: StaffSession) -> list[LoggedLookup]:
        return [lookup for tenant, lookup in reversed(self.logged) if tenant == staff.tenant_id]
