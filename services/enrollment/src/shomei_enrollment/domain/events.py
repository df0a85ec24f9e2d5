"""Events of enrollment's aggregates (docs/contracts/registration.md). Payloads carry no personal
data beyond what the contract lists: no names, addresses, phones, birth dates or images."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shomei_shared.messages import Event


@dataclass(frozen=True)
class ApplicationSubmitted(Event):
    event_type = "ApplicationSubmitted"
    registration_id: str | None
    email: str
    locale: str
    kind: str
    account_id: str | None


@dataclass(frozen=True)
class ApplicationApproved(Event):
    event_type = "ApplicationApproved"
    registration_id: str | None
    email: str
    locale: str
    kind: str
    account_id: str | None
    graduate_id: str
    student_number: str


@dataclass(frozen=True)
class ApplicationApprovalFailed(Event):
    """The approval could not take effect (identity refused the account: `reason`), so staff see
    the application as not approved and decide again (docs/adr/0018)."""

    event_type = "ApplicationApprovalFailed"
    kind: str
    reason: str


@dataclass(frozen=True)
class ApplicationRejected(Event):
    event_type = "ApplicationRejected"
    email: str
    locale: str
    kind: str
    reason: str


@dataclass(frozen=True)
class ResubmissionRequested(Event):
    """v2: the re-application link travels sealed, by reference (`secret_ref`, redeemed at
    enrollment), instead of v1's registration id, which had been the link's only key."""

    event_type = "ResubmissionRequested"
    event_version = 2
    email: str
    locale: str
    kind: str
    reason: str
    secret_ref: str | None  # None for kind student_number: the graduate re-applies from the menu
    expires_at: datetime | None


@dataclass(frozen=True)
class ApplicationResubmitted(Event):
    event_type = "ApplicationResubmitted"


@dataclass(frozen=True)
class StudentNumberLinked(Event):
    event_type = "StudentNumberLinked"
    account_id: str
    student_number: str


@dataclass(frozen=True)
class ProfileChanged(Event):
    event_type = "ProfileChanged"
    account_id: str
    fields: list[str]  # names only, never values


@dataclass(frozen=True)
class AlumniRecordsImported(Event):
    """Counts only: an import is about many people, and none of their data travels."""

    event_type = "AlumniRecordsImported"
    created: int
    updated: int
    unchanged: int
    rejected: int


@dataclass(frozen=True)
class TenantProfileChanged(Event):
    """A university's public face changed: the new values of the changed fields (no personal
    data: names, colours, texts, the office's address; a new logo as its SHA-256)."""

    event_type = "TenantProfileChanged"
    staff_id: str
    changes: dict[str, object]


@dataclass(frozen=True)
class AcademicRecordReplaced(Event):
    """A student number's academic record has a new version (its aggregate id is the record's row
    id): which import made it and how many courses it lists. No names, dates or grades."""

    event_type = "AcademicRecordReplaced"
    import_id: str
    staff_id: str
    record_version: int
    courses: int


@dataclass(frozen=True)
class AcademicRecordsImported(Event):
    """Counts only, as for alumni records."""

    event_type = "AcademicRecordsImported"
    created: int
    replaced: int
    unchanged: int
    rejected: int
