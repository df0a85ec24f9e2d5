"""Identity (staff sign-in) and enrollment (reviews) behind the console's ports."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from shomei_admin.service_layer.ports import (
    AcademicRecordHistory,
    ApplicationDetail,
    CatalogueNames,
    DecidedFilter,
    DecidedItem,
    DecidedPage,
    Document,
    HistoryEntry,
    ImportReport,
    Match,
    PossibleDuplicate,
    QueueItem,
    RecordsImportReport,
    RecordVersion,
    StaffLockout,
    StaffLogin,
    StaffSession,
    UpstreamError,
)
from shomei_shared.web.client import InternalClient, ServiceError
from shomei_shared.web.paths import url_path


@contextmanager
def upstream() -> Iterator[None]:
    try:
        yield
    except ServiceError as error:
        raise UpstreamError(error.status, error.errors) from None


def flatten(data: dict[str, Any] | None, prefix: str = "") -> dict[str, Any]:
    """Nested applicant data as `name.kanji`-style keys, the console's labels' keys."""
    flat: dict[str, Any] = {}
    for key, value in (data or {}).items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat |= flatten(value, path + ".")
        elif value not in (None, ""):
            flat[path] = value
    return flat


def _duplicates(row: dict[str, Any]) -> tuple[PossibleDuplicate, ...]:
    return tuple(PossibleDuplicate(d["id"], d["name_kanji"], d["email"], d["status"], tuple(d["reasons"]))
                 for d in row.get("possible_duplicates", []))


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


class HttpStaffIdentity:
    def __init__(self, client: InternalClient) -> None:
        self._client = client

    def staff_login(self, tenant_id: str, email: str, password: str, totp: str, source: str = "",
                    device: str = "") -> StaffLogin:
        with upstream():
            found = self._client.call("POST", "/internal/staff/login", {
                "tenant_id": tenant_id, "email": email, "password": password, "totp_code": totp, "source": source,
                "device": device})
        return StaffLogin(str(found["session_id"]), found.get("device"))

    def staff_lockouts(self, staff: StaffSession) -> list[StaffLockout]:
        with upstream():
            found = self._client.call("GET", "/internal/staff/lockouts")
        return [StaffLockout(row["staff_id"], row["email"], _moment(row["locked_until"])) for row in found["lockouts"]]

    def staff_session(self, session_id: str, tenant_id: str) -> StaffSession | None:
        try:
            found = self._client.call("POST", "/internal/sessions/lookup",
                                      {"session_id": session_id, "tenant_id": tenant_id})
        except ServiceError as error:
            if error.status in (400, 404):
                return None
            raise
        if found.get("subject_kind") != "staff":
            return None  # a graduate's session opens nothing here
        return StaffSession(found["subject_id"], found["tenant_id"], found["email"], tuple(found["roles"]),
                            found.get("assertion"))

    def staff_logout(self, session_id: str) -> None:
        with upstream():
            self._client.call("POST", "/internal/sessions/logout", {"session_id": session_id})


class HttpReviews:
    def __init__(self, client: InternalClient) -> None:
        self._client = client

    def _get(self, path: str) -> Any:
        with upstream():
            return self._client.call("GET", f"/internal/staff{path}")

    def queue(self, staff: StaffSession) -> list[QueueItem]:
        return [QueueItem(row["id"], row["kind"], row["name_kanji"], _moment(row["submitted_at"]),
                          _moment(row["due_at"]), bool(row["overdue"]), row["status"], row.get("email", ""),
                          _duplicates(row))
                for row in self._get("/review-queue")["applications"]]

    def decided(self, staff: StaffSession, filters: DecidedFilter) -> DecidedPage:
        query = {name: value for name, value in (
            ("decision", filters.decision), ("kind", filters.kind), ("from", filters.first_day),
            ("to", filters.last_day), ("q", filters.text), ("page", str(filters.page))) if value}
        found = self._get("/decided-applications?" + urlencode(query))
        return DecidedPage([DecidedItem(row["id"], row["kind"], row["status"], row["name_kanji"], row["name_katakana"],
                                        row["email"], row["student_number"], _moment(row["submitted_at"]),
                                        _moment(row["decided_at"])) for row in found["applications"]],
                           int(found["total"]), int(found["page"]), int(found["per_page"]))

    def catalogue(self, staff: StaffSession) -> CatalogueNames:
        names = CatalogueNames()
        with upstream():
            found = self._client.call("GET", f"/internal/tenants/{staff.tenant_id}/catalogue")
        for university in found["universities"]:
            names.universities[university["code"]] = (university["name_ja"], university["name_en"])
            for faculty in university["faculties"]:
                names.faculties[(university["code"], faculty["code"])] = (faculty["name_ja"], faculty["name_en"])
                for department in faculty["departments"]:
                    names.departments[(university["code"], faculty["code"], department["code"])] = (
                        department["name_ja"], department["name_en"])
        return names

    def detail(self, staff: StaffSession, application_id: str) -> ApplicationDetail:
        row = self._get(url_path("/applications/{}", application_id))
        matches = [Match(m["record"]["student_number"], m["record"]["name_kana"], str(m["record"]["date_of_birth"]),
                         tuple(m["matched_fields"])) for m in row.get("matches", [])]
        data = flatten(row["applicant"]) | {"email": row.get("email"), "document_type": row.get("document_type")}
        return ApplicationDetail(row["id"], row["kind"], row["status"], _moment(row["submitted_at"]),
                                 _moment(row["due_at"]), data,
                                 [Document(d["id"], d["side"]) for d in row.get("documents", [])], matches,
                                 _duplicates(row))

    def image(self, staff: StaffSession, application_id: str, image_id: str) -> tuple[bytes, str]:
        content, content_type = self._get(url_path("/applications/{}/documents/{}", application_id, image_id))
        return bytes(content), str(content_type)

    def decide(self, staff: StaffSession, application_id: str, decision: str, reason: str,
               student_number: str) -> None:
        with upstream():
            self._client.call("POST", url_path("/internal/staff/applications/{}/decision", application_id),
                              {"decision": decision, "reason": reason, "student_number": student_number})

    def history(self, staff: StaffSession, application_id: str) -> list[HistoryEntry]:
        return [HistoryEntry(_moment(entry["occurred_at"]), entry["type"], entry["actor_kind"],
                             entry.get("reason") or entry.get("student_number") or "",
                             entry.get("message_id") or "", entry.get("correlation_id") or "",
                             entry.get("causation_id") or "")
                for entry in self._get(url_path("/applications/{}/history", application_id))["history"]]

    def import_alumni(self, staff: StaffSession, csv_bytes: bytes) -> ImportReport:
        with upstream():
            report = self._client.upload("/internal/staff/alumni-imports", {}, {"file": ("alumni.csv", csv_bytes)})
        return ImportReport(report["created"], report["updated"],
                            [(p["row"], p["field"], p["reason"]) for p in report["problems"]])

    def import_academic_records(self, staff: StaffSession, records: bytes, courses: bytes) -> RecordsImportReport:
        with upstream():
            report = self._client.upload("/internal/staff/academic-record-imports", {},
                                         {"records": ("records.csv", records), "courses": ("courses.csv", courses)})
        return RecordsImportReport(report["created"], report["replaced"], report["unchanged"],
                                   report["rejected_student_numbers"],
                                   [(p["file"], p["row"], p["field"], p["reason"]) for p in report["problems"]])

    def academic_record(self, staff: StaffSession, student_number: str) -> AcademicRecordHistory | None:
        try:
            found = self._client.call("GET", url_path("/internal/staff/academic-records/{}", student_number))
        except ServiceError as error:
            if error.status == 404:
                return None
            raise UpstreamError(error.status, error.errors) from None
        return AcademicRecordHistory(found["student_number"], found["version"], found["total_credits"], found["gpa"],
                                     found["courses"], tuple(RecordVersion(v["version"], _moment(v["occurred_at"]),
                                                                           v["staff_id"], v["courses"])
                                                             for v in found["versions"]))
