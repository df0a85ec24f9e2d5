"""What the console needs of print-gateway's verification (ADR 0036): find a certificate by its
code or its order, see it with its history and lookups, revoke it with a reason, and read the
university's lookup log. print-gateway takes the tenant and the staff member from identity's
assertion (ADR 0019); tests use tests/certificate_fakes.py, held to the same cases as the HTTP
adapter by tests/integration/test_admin_certificates_contract.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from shomei_admin.service_layer.ports import StaffSession


@dataclass(frozen=True)
class CertificateSummary:
    certificate_id: str
    order_id: str
    title: str
    holder_name: str
    issued_on: date
    certificate_number: str
    verification_code: str
    status: str  # valid | revoked | retention_passed


@dataclass(frozen=True)
class CertificateEvent:
    at: datetime
    what: str  # CertificateIssued | CertificateRevoked
    staff_id: str = ""
    reason: str = ""
    correlation_id: str = ""


@dataclass(frozen=True)
class LoggedLookup:
    at: datetime
    country: str | None
    outcome: str  # valid | revoked | retention_passed | unknown
    certificate_id: str | None = None
    certificate_number: str | None = None


@dataclass(frozen=True)
class CertificateDetail:
    summary: CertificateSummary
    history: tuple[CertificateEvent, ...]
    lookups: tuple[LoggedLookup, ...]
    reason: str | None = None
    preview_png: bytes = field(default=b"", repr=False)
    preview_pending: bool = False  # no image yet: print-gateway makes it after issue (ADR 0039)


class CertificatesApi(Protocol):
    def search(self, staff: StaffSession, code: str, order_id: str) -> list[CertificateSummary]:
        """Newest first; UpstreamError 400 at `code` for text that cannot be a code."""

    def certificate(self, staff: StaffSession, certificate_id: str) -> CertificateDetail:
        """UpstreamError 404 for none, or another university's."""

    def revoke(self, staff: StaffSession, certificate_id: str, reason: str) -> str:
        """`revoked`, or `already` (a double click, a colleague first); UpstreamError 400 at
        `reason`, 403 without the registrar role, 404 for another university's."""

    def lookups(self, staff: StaffSession) -> list[LoggedLookup]:
        """The university's lookups, newest first."""
