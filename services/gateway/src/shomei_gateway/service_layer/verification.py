"""What the gateway needs from print-gateway's verification (ADR 0036): the public check of a
certificate by its code, and a graduate's own certificates with who checked them. The HTTP
adapter speaks print-gateway's internal API; tests use tests/verification_fakes.py, held to the
same behaviour by tests/integration/test_gateway_verification_contract.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

VALID, REVOKED, RETENTION_PASSED = "valid", "revoked", "retention_passed"


@dataclass(frozen=True)
class Verification:
    """What the public sees. After the retention period only the facts without a person: no
    name, number or image."""

    status: str  # valid | revoked | retention_passed
    verification_code: str
    kind: str
    title: str
    issued_on: date
    retention_ends: date
    holder_name: str | None = None
    certificate_number: str | None = None
    preview_png: bytes | None = field(default=None, repr=False)
    # No image yet: print-gateway makes it after issue (ADR 0039). False with no image: none to show.
    preview_pending: bool = False
    revoked_on: date | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Lookup:
    at: datetime
    country: str | None  # ISO alpha-2, None when unknown


@dataclass(frozen=True)
class IssuedCertificate:
    certificate_id: str
    title: str
    issued_on: date
    certificate_number: str
    verification_code: str
    status: str
    lookups: tuple[Lookup, ...] = ()  # newest first


class VerificationApi(Protocol):
    def verify(self, tenant_id: str, code: str, country: str | None) -> Verification:
        """The certificate of `tenant_id` with `code` as typed or scanned; recorded with `country`
        (the edge's header, never the address). UpstreamError 400 at `code` for something that is
        not a code, 404 at `code` for one that names no certificate of that university."""

    def certificates(self, tenant_id: str, account_id: str) -> list[IssuedCertificate]:
        """The signed-in graduate's issued certificates, newest first, each with its lookups."""
