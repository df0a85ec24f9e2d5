"""Commands: what callers ask the enrollment service to do."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shomei_shared.messages import Command


@dataclass(frozen=True)
class SubmitApplication(Command):
    """Submit the registration application for a verified registration (kind registration)."""

    registration_id: str
    tenant_id: str
    applicant: dict[str, Any]
    document_type: str
    images: dict[str, bytes]  # side (front/back) → raw upload


@dataclass(frozen=True)
class RequestStudentNumberLink(Command):
    """An existing account applies for an additional student number (rule 14)."""

    account_id: str
    tenant_id: str
    applicant: dict[str, Any]
    document_type: str
    images: dict[str, bytes]


@dataclass(frozen=True)
class ResubmitApplication(Command):
    """Correct and resubmit an application returned for re-application; the caller proves it is
    the applicant by the re-application link's token (registration) or by the signed-in account's
    id (student number). A registration id proves nothing (ADR 0023)."""

    application_id: str
    applicant_key: str  # the account id of a student-number application
    applicant: dict[str, Any]
    document_type: str
    images: dict[str, bytes]
    token: str = ""  # the re-application link's token of a registration


@dataclass(frozen=True)
class RedeemSecret(Command):
    """The notifier redeems a sealed value (a re-application link) by its reference."""

    secret_ref: str


@dataclass(frozen=True)
class DecideApplication(Command):
    application_id: str
    tenant_id: str  # the deciding staff member's tenant
    staff_id: str
    decision: str  # approve | reject | return
    reason: str = ""
    student_number: str = ""


@dataclass(frozen=True)
class ImportAlumniRecords(Command):
    tenant_id: str
    staff_id: str
    content: bytes


@dataclass(frozen=True)
class ImportAcademicRecords(Command):
    """A registrar's two files: one row per student number (the record), one per course."""

    tenant_id: str
    staff_id: str
    records: bytes
    courses: bytes


@dataclass(frozen=True)
class ChangeProfile(Command):
    account_id: str
    tenant_id: str
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ChangeTenantProfile(Command):
    """A tenant admin changes the university's profile; `logo` (raw upload) only when replaced."""

    tenant_id: str
    staff_id: str
    profile: dict[str, Any]
    logo: bytes | None = None
    seal: bytes | None = None  # a PNG, only when replaced
