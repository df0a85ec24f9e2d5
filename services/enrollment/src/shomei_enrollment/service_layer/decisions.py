"""Staff decisions on applications: approve, reject, or return for re-application."""

from __future__ import annotations

from shomei_enrollment.domain.application import Application, Kind
from shomei_enrollment.service_layer import resubmission_links
from shomei_enrollment.service_layer.commands import DecideApplication
from shomei_enrollment.service_layer.graduates import load_graduate
from shomei_enrollment.service_layer.lookups import application_not_found, load_application
from shomei_enrollment.service_layer.ports import Dependencies, EnrollmentUnitOfWork, Row
from shomei_shared.errors import InvalidInput, NotFound

DECISIONS = ("approve", "reject", "return")


def decide_application(command: DecideApplication, uow: EnrollmentUnitOfWork, deps: Dependencies) -> None:
    if command.decision not in DECISIONS:
        raise InvalidInput.one("decision_not_listed", "decision")
    with uow:
        application = load_application(uow, command.application_id)
        if application.tenant_id != command.tenant_id:
            # Another tenant's staff learn nothing, not even that the application exists.
            raise application_not_found()
        row = uow.applications.get(application.id)
        assert row is not None
        now = deps.clock.now()
        application.check_decidable(command.tenant_id)
        if command.decision == "approve":
            student_number = command.student_number.strip() or row["applicant"]["enrollment"]["student_number"]
            graduate_id = _graduate_for(application, row["applicant"], student_number, uow, deps)
            application.approve(command.tenant_id, graduate_id=graduate_id, student_number=student_number)
        elif command.decision == "reject":
            application.reject(command.tenant_id, command.reason)
        else:
            link = (resubmission_links.issue_link(application, uow, deps)
                    if application.kind is Kind.REGISTRATION else None)
            application.return_for_resubmission(command.tenant_id, command.reason, link)
        uow.applications.update(application.id, status=application.status.value, decided_at=now,
                                decision_reason=command.reason.strip() or None,
                                graduate_id=application.graduate_id)
        uow.applications.record_actor(application.id, application.version, "staff", command.staff_id)
        uow.commit()


def _graduate_for(application: Application, applicant: Row, student_number: str, uow: EnrollmentUnitOfWork,
                  deps: Dependencies) -> str:
    """The graduate the approved student number belongs to: a new one for a registration (its
    account does not exist yet, so the link waits for AccountActivated), the account's own for an
    additional student number (linked at once)."""
    if not student_number.strip():
        return ""  # approve() refuses it with a field error
    if application.kind is Kind.REGISTRATION:
        graduate_id = deps.new_id()
        uow.graduates.create(graduate_id, application.tenant_id, application.id, application.email,
                             application.locale, applicant)
        uow.graduates.add_student_number(graduate_id, student_number, application.id, None)
        return graduate_id
    graduate = uow.graduates.by_account(application.account_id or "")
    if graduate is None:
        raise NotFound.one("applying_account_without_graduate", "account_id")
    uow.graduates.add_student_number(graduate["id"], student_number, application.id, deps.clock.now())
    linked = load_graduate(uow, graduate["id"], application.tenant_id)
    linked.link_student_number(application.account_id or "", student_number)
    return str(graduate["id"])
