"""The application aggregate (topic enrollment.application): a registration or an additional
student number, submitted by the applicant and decided by staff of the same tenant.

    submitted ──approve──▶ approved ──account refused──▶ approval_failed
        │  ├──reject───▶ rejected
        │  └──return───▶ returned ──resubmit──▶ submitted (decided again)
"""

from __future__ import annotations

from enum import StrEnum

from shomei_enrollment.domain.events import (
    ApplicationApprovalFailed,
    ApplicationApproved,
    ApplicationRejected,
    ApplicationResubmitted,
    ApplicationSubmitted,
    ResubmissionRequested,
)
from shomei_enrollment.domain.resubmission_link import ResubmissionLink
from shomei_shared.errors import Conflict, InvalidInput, NotPermitted
from shomei_shared.messages import Aggregate

MAX_REASON_LENGTH = 1000


class Kind(StrEnum):
    REGISTRATION = "registration"
    STUDENT_NUMBER = "student_number"


class Status(StrEnum):
    NEW = "new"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    APPROVAL_FAILED = "approval_failed"
    REJECTED = "rejected"
    RETURNED = "returned"


class Application(Aggregate):
    topic = "enrollment.application"

    def __init__(self, aggregate_id: str, tenant_id: str = "") -> None:
        super().__init__(aggregate_id, tenant_id)
        self.status = Status.NEW
        self.kind = Kind.REGISTRATION
        self.registration_id: str | None = None
        self.account_id: str | None = None
        self.email = ""
        self.locale = "ja"
        self.graduate_id: str | None = None

    @classmethod
    def submit(cls, application_id: str, tenant_id: str, *, kind: Kind, email: str, locale: str,
               registration_id: str | None = None, account_id: str | None = None) -> Application:
        if kind is Kind.REGISTRATION and not registration_id:
            raise ValueError("a registration application needs its verified registration")
        if kind is Kind.STUDENT_NUMBER and not account_id:
            raise ValueError("a student-number application needs the account asking for it")
        application = cls(application_id, tenant_id)
        application.record(ApplicationSubmitted(registration_id=registration_id, email=email, locale=locale,
                                                kind=kind.value, account_id=account_id))
        return application

    def resubmit(self) -> None:
        if self.status is not Status.RETURNED:
            raise Conflict.one("not_returned_for_resubmission", "status")
        self.record(ApplicationResubmitted())

    def approve(self, staff_tenant_id: str, *, graduate_id: str, student_number: str) -> None:
        self.check_decidable(staff_tenant_id)
        if not student_number.strip():
            raise InvalidInput.one("student_number_to_link_required", "student_number")
        self.record(ApplicationApproved(
            registration_id=self.registration_id, email=self.email, locale=self.locale, kind=self.kind.value,
            account_id=self.account_id, graduate_id=graduate_id, student_number=student_number.strip()))

    def approval_failed(self, reason: str) -> bool:
        """Identity could not make the approved account (`reason`, a code). False when there is
        nothing to record: not approved, or recorded already (a redelivered refusal)."""
        if self.status is not Status.APPROVED:
            return False
        self.record(ApplicationApprovalFailed(kind=self.kind.value, reason=reason))
        return True

    def reject(self, staff_tenant_id: str, reason: str) -> None:
        self.check_decidable(staff_tenant_id)
        self.record(ApplicationRejected(email=self.email, locale=self.locale, kind=self.kind.value,
                                        reason=_reason(reason)))

    def return_for_resubmission(self, staff_tenant_id: str, reason: str, link: ResubmissionLink | None = None,
                                ) -> None:
        """`link`: the sealed re-application link of a registration (a student number is
        re-applied for from the signed-in menu, so it has none)."""
        self.check_decidable(staff_tenant_id)
        self.record(ResubmissionRequested(email=self.email, locale=self.locale, kind=self.kind.value,
                                          reason=_reason(reason), secret_ref=link.secret_ref if link else None,
                                          expires_at=link.expires_at if link else None))

    def check_decidable(self, staff_tenant_id: str) -> None:
        if staff_tenant_id != self.tenant_id:
            raise NotPermitted.one("review_not_permitted", "tenant_id")
        if self.status is not Status.SUBMITTED:
            raise Conflict.one("not_awaiting_review", "status")

    def apply_ApplicationSubmitted(self, event: ApplicationSubmitted) -> None:
        self.status = Status.SUBMITTED
        self.kind = Kind(event.kind)
        self.registration_id, self.account_id = event.registration_id, event.account_id
        self.email, self.locale = event.email, event.locale

    def apply_ApplicationResubmitted(self, event: ApplicationResubmitted) -> None:
        self.status = Status.SUBMITTED

    def apply_ApplicationApproved(self, event: ApplicationApproved) -> None:
        self.status = Status.APPROVED
        self.graduate_id = event.graduate_id

    def apply_ApplicationApprovalFailed(self, event: ApplicationApprovalFailed) -> None:
        self.status = Status.APPROVAL_FAILED

    def apply_ApplicationRejected(self, event: ApplicationRejected) -> None:
        self.status = Status.REJECTED

    def apply_ResubmissionRequested(self, event: ResubmissionRequested) -> None:
        self.status = Status.RETURNED


def _reason(reason: str) -> str:
    text = reason.strip()
    if not text or len(text) > MAX_REASON_LENGTH:
        raise InvalidInput.one("reason_length", "reason", max=MAX_REASON_LENGTH)
    return text
