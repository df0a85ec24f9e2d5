"""Graduates: the account link once identity activates the account, personal-data changes (rule
16) and contact e-mail changes."""

from __future__ import annotations

from typing import Any

from shomei_enrollment.domain.applicant import parse_applicant
from shomei_enrollment.domain.applicant_record import applicant_to_dict
from shomei_enrollment.domain.graduate import Graduate
from shomei_enrollment.domain.review_due import TOKYO
from shomei_enrollment.service_layer.commands import ChangeProfile
from shomei_enrollment.service_layer.ports import Dependencies, EnrollmentUnitOfWork, Row
from shomei_shared.errors import InvalidInput, NotFound, Violation

# What a graduate may change; birth date and enrollment are the university's records.
CHANGEABLE = ("name", "sex", "address", "home_phone", "mobile_phone", "workplace")


def load_graduate(uow: EnrollmentUnitOfWork, graduate_id: str, tenant_id: str) -> Graduate:
    """The graduate's aggregate positioned after its stored events (its state is in the table)."""
    graduate = Graduate(graduate_id, tenant_id)
    graduate.version = len(uow.events.load(graduate_id))
    uow.add(graduate)
    return graduate


def profile_of(account_id: str, tenant_id: str, uow: EnrollmentUnitOfWork) -> dict[str, Any]:
    with uow:
        graduate = graduate_of(account_id, tenant_id, uow)
        return {"graduate_id": graduate["id"], "email": graduate["email"], "profile": graduate["profile"],
                "student_numbers": uow.graduates.student_numbers(graduate["id"]),
                "enrollments": _enrollments(graduate["id"], tenant_id, uow)}


def _enrollments(graduate_id: str, tenant_id: str, uow: EnrollmentUnitOfWork) -> list[dict[str, str]]:
    """Each student number's status and programme, for ordering's eligibility (rule 22): from the
    approved application that added the number, whose enrollment staff checked against the
    alumni record, and the university and faculty it names."""
    catalogue = uow.catalogues.catalogue(tenant_id)
    found = []
    for student_number, application_id in uow.graduates.student_number_applications(graduate_id):
        application = uow.applications.get(application_id) or {}
        enrollment = (application.get("applicant") or {}).get("enrollment") or {}
        found.append({"student_number": student_number, "status": enrollment.get("status", ""),
                      "programme": catalogue.programme_of(enrollment.get("university", ""),
                                                          enrollment.get("faculty", ""))})
    return found


def change_profile(command: ChangeProfile, uow: EnrollmentUnitOfWork, deps: Dependencies) -> list[str]:
    """The names of the fields that changed (ProfileChanged carries names only, never values)."""
    with uow:
        graduate = graduate_of(command.account_id, command.tenant_id, uow)
        current: Row = graduate["profile"]
        updated = _changed_profile(current, command.changes, command.tenant_id, uow, deps)
        changed = [name for name in CHANGEABLE if updated.get(name) != current.get(name)]
        if changed:
            uow.graduates.update_profile(graduate["id"], updated)
            load_graduate(uow, graduate["id"], command.tenant_id).change_profile(command.account_id, changed)
        uow.commit()
        return changed


def check_profile_change(account_id: str, tenant_id: str, changes: dict[str, Any], uow: EnrollmentUnitOfWork,
                         deps: Dependencies) -> dict[str, Any]:
    """The profile as the change would store it (normalised), for the confirmation screen;
    stores nothing. Refuses what change_profile would refuse, field by field."""
    with uow:
        graduate = graduate_of(account_id, tenant_id, uow)
        return _changed_profile(graduate["profile"], changes, tenant_id, uow, deps)


def _changed_profile(current: Row, changes: dict[str, Any], tenant_id: str, uow: EnrollmentUnitOfWork,
                     deps: Dependencies) -> dict[str, Any]:
    refused = sorted(set(changes) - set(CHANGEABLE))
    if refused:
        raise InvalidInput(*(Violation("not_changeable", name) for name in refused))
    catalogue = uow.catalogues.catalogue(tenant_id)
    # The dates are the university's record (not CHANGEABLE): they are not checked together again.
    data = parse_applicant({**current, **changes}, catalogue, deps.clock.now().astimezone(TOKYO).date(),
                           check_dates_together=False)
    return applicant_to_dict(data)


def link_activated_account(application_id: str, account_id: str, uow: EnrollmentUnitOfWork,
                           deps: Dependencies) -> None:
    """Identity created the account for an approved registration: its student numbers are now
    linked to it. Called inside the consumer's transaction; the consumer commits."""
    graduate = uow.graduates.by_application(application_id)
    if graduate is None or graduate["account_id"] == account_id:
        return  # not a registration we approved, or already linked
    uow.graduates.link_account(graduate["id"], account_id, deps.clock.now())
    aggregate = load_graduate(uow, graduate["id"], graduate["tenant_id"])
    for student_number in uow.graduates.student_numbers(graduate["id"]):
        aggregate.link_student_number(account_id, student_number)


def graduate_of(account_id: str, tenant_id: str, uow: EnrollmentUnitOfWork) -> Row:
    """The account's graduate row; another tenant's is as missing as none."""
    graduate = uow.graduates.by_account(account_id)
    if graduate is None or graduate["tenant_id"] != tenant_id:
        raise NotFound.one("graduate_not_found", "account_id")
    return graduate
