"""Commands of verification (ADR 0036): a public lookup, which is recorded, and a revocation."""

from __future__ import annotations

from dataclasses import dataclass

from shomei_shared.messages import Command


@dataclass(frozen=True)
class VerifyCertificate(Command):
    """Someone holding the paper (or the PDF) asks; `code` as typed or scanned, `country` as the
    gateway's edge knew it (ISO alpha-2, or None). Answers what the public may see."""

    tenant_id: str
    code: str
    country: str | None = None


@dataclass(frozen=True)
class RevokeCertificate(Command):
    tenant_id: str
    certificate_id: str
    staff_id: str
    reason: str
