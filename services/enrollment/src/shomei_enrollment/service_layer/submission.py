"""Submitting, and resubmitting, an application with its identity document."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from shomei_enrollment.domain.applicant import ApplicantData, parse_applicant
from shomei_enrollment.domain.applicant_record import applicant_to_dict
from shomei_enrollment.domain.application import Application, Kind
from shomei_enrollment.domain.documents import Side, parse_document_type
from shomei_enrollment.domain.review_due import TOKYO, review_due_at
from shomei_enrollment.service_layer import resubmission_links
from shomei_enrollment.service_layer.commands import (
    RequestStudentNumberLink,
    ResubmitApplication,
    SubmitApplication,
)
from shomei_enrollment.service_layer.graduates import graduate_of
from shomei_enrollment.service_layer.lookups import application_not_found, load_application
from shomei_enrollment.service_layer.ports import Dependencies, EnrollmentUnitOfWork, StoredImage
from shomei_shared.errors import Conflict, InvalidInput, NotFound, Violations

MAX_IMAGES = 2


def submit_application(command: SubmitApplication, uow: EnrollmentUnitOfWork, deps: Dependencies) -> str:
    with uow:
        registration = uow.applications.verified_registration(command.registration_id)
        if registration is None or registration["tenant_id"] != command.tenant_id:
            raise NotFound.one("verified_registration_not_found", "registration_id")
        if uow.applications.id_for_registration(command.registration_id) is not None:
            raise Conflict.one("already_submitted", "registration_id")
        now = deps.clock.now()
        data, document_type, images = _checked(command.applicant, command.document_type, command.images,
                                               command.tenant_id, uow, deps, now)
        application = Application.submit(deps.new_id(), command.tenant_id, kind=Kind.REGISTRATION,
                                         email=registration["email"], locale=registration["locale"],
                                         registration_id=command.registration_id)
        _store_new(application, data, document_type, images, now, command.registration_id, uow, deps)
        uow.commit()
        return application.id


def request_student_number_link(command: RequestStudentNumberLink, uow: EnrollmentUnitOfWork,
                                deps: Dependencies) -> str:
    with uow:
        graduate = graduate_of(command.account_id, command.tenant_id, uow)
        now = deps.clock.now()
        data, document_type, images = _checked(command.applicant, command.document_type, command.images,
                                               command.tenant_id, uow, deps, now, kind=Kind.STUDENT_NUMBER)
        application = Application.submit(deps.new_id(), command.tenant_id, kind=Kind.STUDENT_NUMBER,
                                         email=graduate["email"], locale=graduate["locale"],
                                         account_id=command.account_id)
        _store_new(application, data, document_type, images, now, command.account_id, uow, deps)
        uow.commit()
        return application.id


def resubmit_application(command: ResubmitApplication, uow: EnrollmentUnitOfWork, deps: Dependencies) -> None:
    with uow:
        application = load_application(uow, command.application_id)
        if application.kind is Kind.REGISTRATION:
            resubmission_links.use_link(application, command.token, uow, deps)
            actor = application.registration_id or ""
        elif command.applicant_key and command.applicant_key == application.account_id:
            actor = command.applicant_key
        else:
            raise application_not_found()
        now = deps.clock.now()
        data, document_type, images = _checked(command.applicant, command.document_type, command.images,
                                               application.tenant_id, uow, deps, now, kind=application.kind)
        application.resubmit()
        calendar = uow.catalogues.review_calendar(application.tenant_id)
        uow.applications.update(application.id, status=application.status.value,
                                applicant=applicant_to_dict(data), document_type=document_type,
                                submitted_at=now, due_at=review_due_at(now, calendar, deps.is_holiday),
                                decision_reason=None)
        uow.applications.replace_documents(application.id, images)
        uow.applications.record_actor(application.id, application.version, "applicant", actor)
        uow.commit()


def _checked(raw: dict[str, Any], document_type_raw: str, uploads: dict[str, bytes], tenant_id: str,
             uow: EnrollmentUnitOfWork, deps: Dependencies, now: datetime, *, kind: Kind = Kind.REGISTRATION,
             ) -> tuple[ApplicantData, str | None, list[StoredImage]]:
    """Applicant data, document type and images checked together: every problem in one answer.

    A registration proves who the applicant is with an identity document. An additional student
    number is asked by a graduate already proven so and signed in (rule 14): no document is
    asked; one that is sent anyway is checked like any other."""
    problems = Violations()
    data: ApplicantData | None = None
    try:
        data = parse_applicant(raw, uow.catalogues.catalogue(tenant_id), now.astimezone(TOKYO).date())
    except InvalidInput as invalid:
        problems.extend(invalid.violations)
    if kind is Kind.STUDENT_NUMBER and not document_type_raw.strip() and not any(uploads.values()):
        problems.raise_if_any()
        assert data is not None
        return data, None, []
    document_type = parse_document_type(document_type_raw.strip())
    if document_type is None:
        problems.add("document_type_not_listed", "document_type")
    images = _images(uploads, problems, deps)
    problems.raise_if_any()
    assert data is not None and document_type is not None
    return data, document_type.value, images


def _images(uploads: dict[str, bytes], problems: Violations, deps: Dependencies) -> list[StoredImage]:
    sides = {side.value for side in Side}
    if Side.FRONT.value not in uploads or not uploads[Side.FRONT.value]:
        problems.add("front_image_required", "images.front")
    unknown = set(uploads) - sides
    if unknown or len(uploads) > MAX_IMAGES:
        problems.add("too_many_images", "images")
        return []
    cleaned: list[StoredImage] = []
    for side, raw in sorted(uploads.items()):
        if not raw:
            continue
        try:
            image = deps.clean_image(raw, f"images.{side}")
            cleaned.append(StoredImage(side, image.media_type, image.content, image.width, image.height))
        except InvalidInput as invalid:
            problems.extend(invalid.violations)
    return cleaned


def _store_new(application: Application, data: ApplicantData, document_type: str | None, images: list[StoredImage],
               now: datetime, actor_id: str, uow: EnrollmentUnitOfWork, deps: Dependencies) -> None:
    calendar = uow.catalogues.review_calendar(application.tenant_id)
    uow.add(application)
    uow.applications.insert({
        "id": application.id, "tenant_id": application.tenant_id, "kind": application.kind.value,
        "status": application.status.value, "registration_id": application.registration_id,
        "account_id": application.account_id, "email": application.email, "locale": application.locale,
        "applicant": applicant_to_dict(data), "document_type": document_type, "submitted_at": now,
        "due_at": review_due_at(now, calendar, deps.is_holiday),
    })
    uow.applications.replace_documents(application.id, images)
    uow.applications.record_actor(application.id, application.version, "applicant", actor_id)


def check_application(tenant_id: str, applicant: dict[str, Any], document_type: str, images: dict[str, bytes],
                      uow: EnrollmentUnitOfWork, deps: Dependencies,
                      kind: Kind = Kind.REGISTRATION) -> dict[str, Any]:
    """The data as it would be stored, for the confirmation screen; stores nothing."""
    with uow:
        data, checked_type, cleaned = _checked(applicant, document_type, images, tenant_id, uow, deps,
                                               deps.clock.now(), kind=kind)
    return {"applicant": applicant_to_dict(data), "document_type": checked_type,
            "images": [{"side": i.side, "media_type": i.media_type, "width": i.width, "height": i.height}
                       for i in cleaned]}
