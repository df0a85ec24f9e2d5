"""The public check of a certificate (issue 10, ADR 0036): what its status is, how staff revoke
it, and what of a lookup may be kept.

A certificate is valid from issue until its university's retention period has passed, unless
staff revoked it (with a reason). Revoking is the `Revocation` aggregate's one event; asking
twice is answered from its state, so a double click revokes once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from shomei_shared.errors import InvalidInput
from shomei_shared.messages import Aggregate, Event

VALID, REVOKED, RETENTION_PASSED = "valid", "revoked", "retention_passed"
UNKNOWN = "unknown"  # a lookup whose code names no certificate of that university
REASON_MAX = 500
DEFAULT_RETENTION_YEARS = 5


@dataclass(frozen=True)
class CertificateRevoked(Event):
    """The reason stays in print-gateway's database: staff's free text may name the holder, and
    nothing personal goes to Kafka (ADR 0008, 0036)."""

    event_type = "CertificateRevoked"
    certificate_id: str
    order_id: str
    staff_id: str


def revocation_id(certificate_id: str) -> str:
    """The aggregate's id: its own, so no other aggregate of the certificate shares its stream."""
    return f"revocation-{certificate_id}"


class Revocation(Aggregate):
    topic = "print-gateway.revocation"  # listed in topics.txt

    def __init__(self, aggregate_id: str, tenant_id: str = "") -> None:
        super().__init__(aggregate_id, tenant_id)
        self.revoked = False

    @classmethod
    def revoke(cls, certificate_id: str, tenant_id: str, order_id: str, staff_id: str, reason: str) -> Revocation:
        """`reason` as cleaned_reason() leaves it."""
        if not reason:
            raise InvalidInput.one("required", "reason")
        if len(reason) > REASON_MAX:
            raise InvalidInput.one("reason_too_long", "reason", max=REASON_MAX)
        revocation = cls(revocation_id(certificate_id), tenant_id)
        revocation.record(CertificateRevoked(certificate_id=certificate_id, order_id=order_id, staff_id=staff_id))
        return revocation

    def apply_CertificateRevoked(self, event: CertificateRevoked) -> None:
        self.revoked = True


@dataclass(frozen=True)
class Retention:
    """How many years after issue each university confirms its certificates online (a tenant
    setting; ADR 0036 says why 5 by default)."""

    default_years: int = DEFAULT_RETENTION_YEARS
    by_tenant: tuple[tuple[str, int], ...] = ()

    @classmethod
    def parse(cls, default_years: int, text: str) -> Retention:
        """`demo-univ=5,sakura-univ=10` (the setting's form)."""
        pairs = []
        for item in filter(None, (part.strip() for part in text.split(","))):
            tenant, _, years = item.partition("=")
            if not tenant.strip() or not years.strip().isdigit() or int(years) < 1:
                raise ValueError(f"a retention is <tenant>=<years ≥ 1>, not {item!r}")
            pairs.append((tenant.strip(), int(years)))
        if default_years < 1:
            raise ValueError("the default retention is at least one year")
        return cls(default_years, tuple(pairs))

    def years_for(self, tenant_id: str) -> int:
        return dict(self.by_tenant).get(tenant_id, self.default_years)


def cleaned_reason(typed: str) -> str:
    """Staff's reason on one line, runs of spaces (and newlines) as one."""
    return " ".join(typed.split())


def retention_ends(issued_on: date, years: int) -> date:
    """The last day a certificate is confirmed online; 29 February moves to 28 in a common year."""
    try:
        return issued_on.replace(year=issued_on.year + years)
    except ValueError:
        return issued_on.replace(year=issued_on.year + years, day=28)


def status_of(issued_on: date, revoked: bool, today: date, retention_years: int) -> str:
    if revoked:
        return REVOKED  # said even after the retention period: a revoked paper stays revoked
    if today > retention_ends(issued_on, retention_years):
        return RETENTION_PASSED
    return VALID


def country_code(header: str | None) -> str | None:
    """An ISO 3166 alpha-2 code as the proxy in front of the gateway sends it; anything else
    (empty, "XX" unknown, "T1" Tor, a longer text) is no country. Never the address itself."""
    value = (header or "").strip().upper()
    if len(value) == 2 and value.isascii() and value.isalpha() and value != "XX":
        return value
    return None


@dataclass(frozen=True)
class Lookup:
    """One verification as kept: when, from which country if known, and what it answered."""

    at: datetime
    country: str | None
    outcome: str
