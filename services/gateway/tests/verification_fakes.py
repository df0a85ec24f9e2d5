"""In-memory verification for the gateway's tests; tests/integration/test_gateway_verification_contract.py
holds it and the HTTP adapter against the real print-gateway to the same cases."""

from __future__ import annotations

import string
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from shomei_gateway.service_layer.ports import UpstreamError
from shomei_gateway.service_layer.verification import (
    RETENTION_PASSED,
    REVOKED,
    VALID,
    IssuedCertificate,
    Lookup,
    Verification,
)

# Crockford's base32 as print-gateway reads a typed code (O as 0, I and L as 1).
_ALPHABET = set(string.digits + string.ascii_uppercase) - set("ILOU")
MALFORMED = ("確認コードは英数字16文字です（例：7KQ4-M2XD-9P3F-WA6T）。証明書に印刷されたとおりに入力してください。",
             "A verification code is 16 letters and digits (e.g. 7KQ4-M2XD-9P3F-WA6T). Type it as printed on the "
             "certificate.")
NOT_FOUND = ("この確認コードの証明書はありません。入力に誤りがないかご確認ください。",
             "No certificate has this verification code. Check that it is typed as printed.")


def grouped(typed: str) -> str:
    characters = [c for c in typed.upper().translate(str.maketrans("OIL", "011")) if c not in " -\u3000"]
    if len(characters) != 16 or not set(characters) <= _ALPHABET:
        return ""
    return "-".join("".join(characters[i:i + 4]) for i in (0, 4, 8, 12))


@dataclass
class Issued:
    tenant_id: str
    account_id: str
    certificate: IssuedCertificate
    shown: Verification


@dataclass
class FakeVerification:
    now: datetime = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)
    retention_years: int = 5
    language: str = "ja"
    issued: list[Issued] = field(default_factory=list)

    def issue(self, tenant_id: str, account_id: str, code: str, *, title: str = "卒業証明書",
              holder_name: str = "証明 太郎", issued_on: date = date(2026, 4, 1), number: str = "No. 0001",
              image: bytes | None = b"\x89PNG fake", pending: bool = True) -> str:
        """`image` None: print-gateway has yet to make it (ADR 0039), as its API then answers; with
        `pending` False, it never will (the PDF was gone first)."""
        certificate_id = f"certificate-{len(self.issued) + 1}"
        ends = issued_on.replace(year=issued_on.year + self.retention_years)
        self.issued.append(Issued(tenant_id, account_id, IssuedCertificate(
            certificate_id, title, issued_on, number, code, VALID),
            Verification(VALID, code, "graduation", title, issued_on, ends, holder_name, number, image,
                         preview_pending=image is None and pending)))
        return certificate_id

    def revoke(self, certificate_id: str, reason: str) -> None:
        for entry in self.issued:
            if entry.certificate.certificate_id == certificate_id:
                entry.shown = replace(entry.shown, status=REVOKED, revoked_on=self.now.date(), reason=reason)

    def _status(self, entry: Issued) -> str:
        if entry.shown.status == REVOKED:
            return REVOKED
        return RETENTION_PASSED if self.now.date() > entry.shown.retention_ends else VALID

    def verify(self, tenant_id: str, code: str, country: str | None) -> Verification:
        english = self.language == "en"
        wanted = grouped(code)
        if not wanted:
            raise UpstreamError(400, {"code": MALFORMED[english]})
        for entry in self.issued:
            if entry.tenant_id == tenant_id and entry.shown.verification_code == wanted:
                kept = (country or "").strip().upper()
                lookup = Lookup(self.now, kept if len(kept) == 2 and kept.isalpha() and kept != "XX" else None)
                entry.certificate = replace(entry.certificate, lookups=(lookup, *entry.certificate.lookups))
                status = self._status(entry)
                if status == RETENTION_PASSED:
                    return Verification(status, wanted, entry.shown.kind, entry.shown.title, entry.shown.issued_on,
                                        entry.shown.retention_ends)
                return replace(entry.shown, status=status)
        raise UpstreamError(404, {"code": NOT_FOUND[english]})

    def certificates(self, tenant_id: str, account_id: str) -> list[IssuedCertificate]:
        return [replace(entry.certificate, status=self._status(entry)) for entry in reversed(self.issued)
                if (entry.tenant_id, entry.account_id) == (tenant_id, account_id)]

    def advance(self, minutes: int) -> None:
        self.now += timedelta(minutes=minutes)
