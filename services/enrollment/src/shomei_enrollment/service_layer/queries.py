"""Reads for the screens: the applicant's confirmation, staff's review queue, application detail
with alumni match suggestions, and an application's history from the event log."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from shomei_enrollment.domain.application import Status
from shomei_enrollment.domain.matching import MatchQuery, suggest_matches
from shomei_enrollment.domain.review_due import is_overdue
from shomei_enrollment.domain.text import kana_key
from shomei_enrollment.service_layer.lookups import application_not_found
from shomei_enrollment.service_layer.ports import Dependencies, EnrollmentUnitOfWork, Row
from shomei_shared.errors import NotFound

_HIDDEN_FROM_LISTS = ("applicant",)


def application_for_applicant(application_id: str, applicant_key: str, uow: EnrollmentUnitOfWork) -> dict[str, Any]:
    """What the applicant sees after 申請 (and when correcting a returned application)."""
    with uow:
        row = uow.applications.get(application_id)
        if row is None or applicant_key not in (row["registration_id"], row["account_id"]):
            raise application_not_found()
        return _public(row, uow)


def application_of_registration(registration_id: str, uow: EnrollmentUnitOfWork,
                                tenant_id: str | None = None) -> dict[str, Any]:
    """The application made from a registration, as its applicant sees it (the re-application
    mail's link carries the registration id); given the tenant of the address asking, another
    tenant's application is not found."""
    with uow:
        application_id = uow.applications.id_for_registration(registration_id)
    if application_id is None:
        raise application_not_found()
    found = application_for_applicant(application_id, registration_id, uow)
    if tenant_id is not None and found["tenant_id"] != tenant_id:
        raise application_not_found()
    return found


def review_queue(tenant_id: str, uow: EnrollmentUnitOfWork, deps: Dependencies) -> list[dict[str, Any]]:
    """Applications awaiting review, the soonest due first, each flagged when overdue."""
    now = deps.clock.now()
    with uow:
        rows = uow.applications.queue(tenant_id)
    return [{**{k: v for k, v in row.items() if k not in _HIDDEN_FROM_LISTS},
             "name_kanji": row["applicant"]["name"]["kanji"], "overdue": is_overdue(row["due_at"], now)}
            for row in rows]


def application_detail(application_id: str, tenant_id: str, uow: EnrollmentUnitOfWork,
                       deps: Dependencies) -> dict[str, Any]:
    with uow:
        row = _for_tenant(application_id, tenant_id, uow)
        applicant = row["applicant"]
        kana_names = [applicant["name"]["katakana"]]
        if applicant.get("name_while_enrolled"):
            kana_names.append(applicant["name_while_enrolled"]["katakana"])
        query = MatchQuery(applicant["enrollment"]["student_number"],
                           date.fromisoformat(applicant["date_of_birth"]), tuple(kana_names))
        candidates = uow.alumni.candidates(tenant_id, query.student_number, query.date_of_birth,
                                           [kana_key(name) for name in kana_names])
        detail = _public(row, uow)
    detail["overdue"] = row["status"] == Status.SUBMITTED.value and is_overdue(row["due_at"], deps.clock.now())
    detail["matches"] = [{"score": s.score, "matched_fields": list(s.matched_fields), "record": asdict(s.record)}
                         for s in suggest_matches(query, candidates)]
    return detail


def document_image(application_id: str, document_id: str, tenant_id: str, uow: EnrollmentUnitOfWork) -> Row:
    with uow:
        _for_tenant(application_id, tenant_id, uow)
        document = uow.applications.document(document_id)
        if document is None or document["application_id"] != application_id:
            raise NotFound.one("document_not_found", "document_id")
        return document


def application_history(application_id: str, tenant_id: str, uow: EnrollmentUnitOfWork) -> list[dict[str, Any]]:
    """Who did what, when: the application's events in order, with the actor of each, and the
    chain of causes (each event's conversation and direct cause: a request, or another event)."""
    with uow:
        _for_tenant(application_id, tenant_id, uow)
        events = uow.events.load(application_id)
        actors = uow.applications.actors(application_id)
    history = []
    for envelope in events:
        actor_kind, actor_id = actors.get(envelope.aggregate_version, ("system", ""))
        history.append({"type": envelope.type, "occurred_at": envelope.occurred_at,
                        "actor_kind": actor_kind, "actor_id": actor_id,
                        "reason": envelope.payload.get("reason"),
                        "student_number": envelope.payload.get("student_number"),
                        "message_id": envelope.message_id, "correlation_id": envelope.correlation_id,
                        "causation_id": envelope.causation_id})
    return history


def _for_tenant(application_id: str, tenant_id: str, uow: EnrollmentUnitOfWork) -> Row:
    row = uow.applications.get(application_id)
    if row is None or row["tenant_id"] != tenant_id:
        raise application_not_found()  # the same answer whether it is missing or another tenant's
    return row


def _public(row: Row, uow: EnrollmentUnitOfWork) -> dict[str, Any]:
    documents = [{k: d[k] for k in ("id", "side", "media_type", "width", "height")}
                 for d in uow.applications.documents(row["id"])]
    return {**row, "documents": documents}
