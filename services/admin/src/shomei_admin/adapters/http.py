"""Identity (staff sign-in) and enrollment (reviews) behind the console's ports."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from shomei_admin.service_layer.ports import (
    ApplicationDetail,
    HistoryEntry,
    ImportReport,
    Match,
    QueueItem,
    StaffSession,
    UpstreamError,
)
from shomei_shared.web.client import InternalClient, ServiceError

EVENT_NAMES = {"ApplicationSubmitted": "申請", "ApplicationResubmitted": "再申請", "ApplicationApproved": "承認",
               "ApplicationRejected": "却下", "ResubmissionRequested": "再申請を依頼",
               "ApplicationApprovalFailed": "承認できず（アカウントを作成できませんでした）"}
# Why an approval could not take effect (ApplicationApprovalFailed's reason code, docs/adr/0018).
APPROVAL_FAILURES = {"email_has_account": "このメールアドレスのアカウントが既にあります"}
ACTORS = {"applicant": "申請者", "staff": "職員", "system": "システム"}


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


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


class HttpStaffIdentity:
    def __init__(self, client: InternalClient) -> None:
        self._client = client

    def staff_login(self, tenant_id: str, email: str, password: str, totp: str) -> str:
        with upstream():
            found = self._client.call("POST", "/internal/staff/login", {
                "tenant_id": tenant_id, "email": email, "password": password, "totp_code": totp})
        return str(found["session_id"])

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
        return StaffSession(found["subject_id"], found["tenant_id"], found["email"], tuple(found["roles"]))

    def staff_logout(self, session_id: str) -> None:
        with upstream():
            self._client.call("POST", "/internal/sessions/logout", {"session_id": session_id})


class HttpReviews:
    def __init__(self, client: InternalClient) -> None:
        self._client = client

    def _get(self, staff: StaffSession, path: str) -> Any:
        with upstream():
            return self._client.call("GET", f"/internal/tenants/{staff.tenant_id}{path}")

    def queue(self, staff: StaffSession) -> list[QueueItem]:
        return [QueueItem(row["id"], row["kind"], row["name_kanji"], _moment(row["submitted_at"]),
                          _moment(row["due_at"]), bool(row["overdue"]), row["status"])
                for row in self._get(staff, "/review-queue")["applications"]]

    def detail(self, staff: StaffSession, application_id: str) -> ApplicationDetail:
        row = self._get(staff, f"/applications/{application_id}")
        matches = [Match(m["record"]["student_number"], m["record"]["name_kana"], str(m["record"]["date_of_birth"]),
                         tuple(m["matched_fields"])) for m in row.get("matches", [])]
        data = flatten(row["applicant"]) | {"email": row.get("email"), "document_type": row.get("document_type")}
        return ApplicationDetail(row["id"], row["kind"], row["status"], _moment(row["submitted_at"]),
                                 _moment(row["due_at"]), data, [d["id"] for d in row.get("documents", [])], matches)

    def image(self, staff: StaffSession, application_id: str, image_id: str) -> tuple[bytes, str]:
        content, content_type = self._get(staff, f"/applications/{application_id}/documents/{image_id}")
        return bytes(content), str(content_type)

    def decide(self, staff: StaffSession, application_id: str, decision: str, reason: str,
               student_number: str) -> None:
        with upstream():
            self._client.call("POST", f"/internal/tenants/{staff.tenant_id}/applications/{application_id}/decision",
                              {"staff_id": staff.staff_id, "decision": decision, "reason": reason,
                               "student_number": student_number})

    def history(self, staff: StaffSession, application_id: str) -> list[HistoryEntry]:
        return [HistoryEntry(_moment(entry["occurred_at"]), EVENT_NAMES.get(entry["type"], entry["type"]),
                             ACTORS.get(entry["actor_kind"], entry["actor_kind"]),
                             _detail(entry),
                             entry.get("message_id") or "", entry.get("correlation_id") or "",
                             entry.get("causation_id") or "")
                for entry in self._get(staff, f"/applications/{application_id}/history")["history"]]

    def import_alumni(self, staff: StaffSession, csv_bytes: bytes) -> ImportReport:
        with upstream():
            report = self._client.upload(f"/internal/tenants/{staff.tenant_id}/alumni-imports",
                                         {"staff_id": staff.staff_id}, {"file": ("alumni.csv", csv_bytes)})
        return ImportReport(report["created"], report["updated"],
                            [(p["row"], p["field"], p["reason"]) for p in report["problems"]])


def _detail(entry: dict[str, Any]) -> str:
    """A history line's detail: staff's reason, the linked student number, or why it failed."""
    if entry["type"] == "ApplicationApprovalFailed":
        return APPROVAL_FAILURES.get(entry.get("reason") or "", entry.get("reason") or "")
    return str(entry.get("reason") or entry.get("student_number") or "")
