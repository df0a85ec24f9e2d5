"""Reads for the screens: the applicant's confirmation, staff's review queue (with possible
duplicates), the decided applications with filters and search, application detail with alumni
match suggestions, and an application's history from the event log."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict
from datetime import date, datetime, time, timedelta
from typing import Any

from shomei_enrollment.domain.application import Status
from shomei_enrollment.domain.duplicates import DUPLICATE_LOOKBACK, ApplicantKey, possible_duplicates
from shomei_enrollment.domain.matching import MatchQuery, suggest_matches
from shomei_enrollment.domain.review_due import TOKYO, is_overdue
from shomei_enrollment.domain.text import kana_key, katakana
from shomei_enrollment.service_layer.lookups import application_not_found
from shomei_enrollment.service_layer.ports import DecidedSearch, Dependencies, EnrollmentUnitOfWork, Row
from shomei_shared.errors import NotFound, Violations

_HIDDEN_FROM_LISTS = ("applicant",)
# An approval that could not take effect is listed too: staff must be able to find it (ADR 0018).
DECIDED_STATUSES = (Status.APPROVED.value, Status.APPROVAL_FAILED.value, Status.REJECTED.value,
                    Status.RETURNED.value)
KINDS = ("registration", "student_number")
PAGE_SIZE, MAX_PAGE_SIZE = 50, 200
# Far beyond any tenant's decided applications, and far below what an OFFSET can hold.
MAX_PAGE = 100_000
MAX_SEARCH_LENGTH = 100


def application_for_applicant(application_id: str, applicant_key: str, uow: EnrollmentUnitOfWork) -> dict[str, Any]:
    """What the applicant sees after 申請 (and when correcting a returned application)."""
    with uow:
        row = uow.applications.get(application_id)
        if row is None or applicant_key not in (row["registration_id"], row["account_id"]):
            raise application_not_found()
        return _public(row, uow)


def review_queue(tenant_id: str, uow: EnrollmentUnitOfWork, deps: Dependencies) -> list[dict[str, Any]]:
    """Applications awaiting review, the soonest due first, each flagged when overdue and with the
    tenant's open or recently decided applications that may be the same person's."""
    now = deps.clock.now()
    with uow:
        rows = uow.applications.queue(tenant_id)
        duplicates = _duplicates(tenant_id, uow, now, rows)
    return [{**_listed(row), "overdue": is_overdue(row["due_at"], now), "possible_duplicates": duplicates(row["id"])}
            for row in rows]


def decided_search(params: Mapping[str, str]) -> DecidedSearch:
    """The decided list's filters from a query string: decision, kind, from/to (JST calendar days,
    both included), q (name, kana, e-mail or student number), page and per_page."""
    problems = Violations()
    decision = params.get("decision", "").strip()
    if decision and decision not in DECIDED_STATUSES:
        problems.add("decided_status_not_listed", "decision")
    kind = params.get("kind", "").strip()
    if kind and kind not in KINDS:
        problems.add("kind_not_listed", "kind")
    first, last = _day(params.get("from", ""), "from", problems), _day(params.get("to", ""), "to", problems)
    page, per_page = _count(params.get("page", ""), "page", 1, problems), _count(
        params.get("per_page", ""), "per_page", PAGE_SIZE, problems)
    if per_page > MAX_PAGE_SIZE:
        problems.add("too_large", "per_page", max=MAX_PAGE_SIZE)
    if page > MAX_PAGE:  # the offset must stay a number PostgreSQL can hold (schemathesis found a 500)
        problems.add("too_large", "page", max=MAX_PAGE)
    text = "".join(params.get("q", "").split()).replace("\u30fb", "")  # spaces and middle dots: typed either way
    if len(text) > MAX_SEARCH_LENGTH:
        problems.add("too_long", "q", max=MAX_SEARCH_LENGTH)
    problems.raise_if_any()
    # Stored names keep their small kana (ショウ), so the search folds only hiragana and half-width kana.
    folded = katakana(text)
    return DecidedSearch(
        statuses=(decision,) if decision else DECIDED_STATUSES, kind=kind or None,
        decided_from=datetime.combine(first, time(), TOKYO) if first else None,
        decided_before=datetime.combine(last + timedelta(days=1), time(), TOKYO) if last else None,
        text=text, kana=folded if folded != text else "", offset=(page - 1) * per_page, limit=per_page)


def decided_applications(tenant_id: str, search: DecidedSearch, uow: EnrollmentUnitOfWork) -> dict[str, Any]:
    """One page of the tenant's decided applications (newest decision first) and the total."""
    with uow:
        rows, total = uow.applications.decided(tenant_id, search)
    return {"applications": [_listed(row) for row in rows], "total": total,
            "page": search.offset // search.limit + 1, "per_page": search.limit}


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
        # Staff decide here: the same warning as in the queue, for an application opened from anywhere.
        detail["possible_duplicates"] = _duplicates(tenant_id, uow, deps.clock.now(), [row])(row["id"])
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


def _duplicates(tenant_id: str, uow: EnrollmentUnitOfWork, now: datetime,
                rows: list[Row]) -> Callable[[str], list[dict[str, Any]]]:
    """The possible duplicates of `rows` among them and the tenant's open and recently decided
    applications, each as {id, status, name_kanji, email, reasons}."""
    known = {row["id"]: row for row in uow.applications.open_or_decided_since(tenant_id, now - DUPLICATE_LOOKBACK)}
    known |= {row["id"]: row for row in rows}
    found = possible_duplicates(_applicant_key(row) for row in known.values())

    def of(application_id: str) -> list[dict[str, Any]]:
        return [{"id": d.application_id, "status": known[d.application_id]["status"],
                 "name_kanji": _name(known[d.application_id]), "email": known[d.application_id]["email"],
                 "reasons": list(d.reasons)} for d in found.get(application_id, [])]

    return of


def _name(row: Row) -> str:
    return str(row["applicant"]["name"]["kanji"])


def _listed(row: Row) -> dict[str, Any]:
    """A row of a staff list: no applicant data beyond what tells applicants apart."""
    applicant = row["applicant"]
    return {**{k: v for k, v in row.items() if k not in _HIDDEN_FROM_LISTS}, "name_kanji": _name(row),
            "name_katakana": applicant["name"].get("katakana", ""),
            "student_number": applicant.get("enrollment", {}).get("student_number", "")}


def _applicant_key(row: Row) -> ApplicantKey:
    applicant = row["applicant"]
    return ApplicantKey(row["id"], row["email"], applicant["name"].get("kanji", ""),
                        applicant["name"].get("katakana", ""), str(applicant.get("date_of_birth", "")))


def _day(value: str, field: str, problems: Violations) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        problems.add("date_format", field)
        return None


def _count(value: str, field: str, default: int, problems: Violations) -> int:
    if not value.strip():
        return default
    if not (value.strip().isascii() and value.strip().isdigit()) or int(value) < 1:
        problems.add("positive_number", field)
        return default
    return int(value)


def _for_tenant(application_id: str, tenant_id: str, uow: EnrollmentUnitOfWork) -> Row:
    row = uow.applications.get(application_id)
    if row is None or row["tenant_id"] != tenant_id:
        raise application_not_found()  # the same answer whether it is missing or another tenant's
    return row


def _public(row: Row, uow: EnrollmentUnitOfWork) -> dict[str, Any]:
    documents = [{k: d[k] for k in ("id", "side", "media_type", "width", "height")}
                 for d in uow.applications.documents(row["id"])]
    return {**row, "documents": documents}
