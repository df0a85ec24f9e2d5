"""In-memory staff identity and enrollment reviews for the console's tests."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from shomei_admin.service_layer.ports import (
    ApplicationDetail,
    HistoryEntry,
    ImportReport,
    Match,
    ProfileChange,
    QueueItem,
    StaffSession,
    UpstreamError,
)
from shomei_shared.web.tenant_profiles import StaticTenantProfiles, TenantProfile

NOW = datetime(2026, 4, 1, 3, 0, tzinfo=UTC)  # 12:00 JST


@dataclass
class FakeStaffIdentity:
    staff: dict[str, tuple[str, str, StaffSession]] = field(default_factory=dict)  # email → (password, code, who)
    sessions: dict[str, StaffSession] = field(default_factory=dict)

    def add(self, email: str, tenant: str, *roles: str, password: str = "Staff-Pass-1", code: str = "123456") -> None:
        self.staff[email] = (password, code, StaffSession(f"staff-{email}", tenant, email, tuple(roles)))

    def staff_login(self, tenant_id: str, email: str, password: str, totp: str) -> str:
        found = self.staff.get(email)
        if found is None or found[2].tenant_id != tenant_id or found[0] != password or found[1] != totp:
            raise UpstreamError(401, {"_form": "メールアドレス、パスワードまたは確認コードが正しくありません。"})
        session_id = secrets.token_urlsafe(32)
        self.sessions[session_id] = found[2]
        return session_id

    def staff_session(self, session_id: str, tenant_id: str) -> StaffSession | None:
        return self.sessions.get(session_id)

    def staff_logout(self, session_id: str) -> None:
        self.sessions.pop(session_id, None)


@dataclass
class FakeReviews:
    applications: dict[str, tuple[str, ApplicationDetail]] = field(default_factory=dict)  # id → (tenant, detail)
    decisions: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    imports: list[bytes] = field(default_factory=list)

    def add(self, tenant: str, application_id: str, name: str, due_in_hours: float) -> None:
        detail = ApplicationDetail(
            application_id, "registration", "submitted", NOW - timedelta(hours=2),
            NOW + timedelta(hours=due_in_hours), {"name.kanji": name, "name.katakana": "ヤマダ タロウ"}, ["img1"],
            [Match("S1234567", "ヤマダ タロウ", "1990-04-01", ("name_kana", "birth_date"))])
        self.applications[application_id] = (tenant, detail)

    def _own(self, staff: StaffSession, application_id: str) -> ApplicationDetail:
        tenant, detail = self.applications.get(application_id, ("", None))  # type: ignore[arg-type]
        if detail is None or tenant != staff.tenant_id:
            raise UpstreamError(404, {"application_id": "見つかりません"})
        return detail

    def queue(self, staff: StaffSession) -> list[QueueItem]:
        return [QueueItem(d.application_id, d.kind, d.data["name.kanji"], d.submitted_at, d.due_at, d.due_at < NOW,
                          d.status) for tenant, d in self.applications.values() if tenant == staff.tenant_id]

    def detail(self, staff: StaffSession, application_id: str) -> ApplicationDetail:
        return self._own(staff, application_id)

    def image(self, staff: StaffSession, application_id: str, image_id: str) -> tuple[bytes, str]:
        self._own(staff, application_id)
        return b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00" \
               b"\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;", "image/gif"

    def decide(self, staff: StaffSession, application_id: str, decision: str, reason: str,
               student_number: str) -> None:
        self._own(staff, application_id)
        self.decisions.append((application_id, staff.staff_id, decision, reason, student_number))

    def history(self, staff: StaffSession, application_id: str) -> list[HistoryEntry]:
        detail = self._own(staff, application_id)
        return [HistoryEntry(detail.submitted_at, "申請", "申請者")]

    def import_alumni(self, staff: StaffSession, csv_bytes: bytes) -> ImportReport:
        self.imports.append(csv_bytes)
        return ImportReport(2, 0, [(3, "date_of_birth", "日付の形式が正しくありません。")])


def tenant_profiles() -> StaticTenantProfiles:
    return StaticTenantProfiles(
        TenantProfile("demo-univ", "証明大学", "Shomei University", "#0b5394", "#ffffff", "office@demo-univ.example"),
        TenantProfile("other-univ", "他大学", "Other University", "#8a1538", "#ffffff", "office@other-univ.example"))


@dataclass
class FakeTenantAdmin:
    """Checks like enrollment does only what the console tests need: the colour's form."""

    profiles: dict[str, dict[str, Any]] = field(default_factory=lambda: {
        "demo-univ": {"name_ja": "証明大学", "name_en": "Shomei University", "accent": "#0b5394",
                      "accent_ink": "#ffffff", "contact_email": "office@demo-univ.example", "terms_ja": "",
                      "terms_en": "", "notes_ja": "", "notes_en": "",
                      "closures": [{"first_day": "2026-08-10", "last_day": "2026-08-16", "label": "夏季休業"}]}})
    changes: list[tuple[str, str, tuple[str, ...], bytes | None]] = field(default_factory=list)

    def profile(self, staff: StaffSession) -> dict[str, Any]:
        return dict(self.profiles[staff.tenant_id])

    def change_profile(self, staff: StaffSession, profile: dict[str, Any], logo: bytes | None) -> list[str]:
        errors = {k: "色は #rrggbb 形式（例: #0b5394）で入力してください。" for k in ("accent", "accent_ink")
                  if not str(profile.get(k, "")).startswith("#")}
        errors |= {f"closures.{i}": "開始日と終了日を YYYY-MM-DD 形式で入力してください。"
                   for i, c in enumerate(profile["closures"]) if not c["last_day"]}
        if errors:
            raise UpstreamError(400, errors)
        current = self.profiles[staff.tenant_id]
        changed = sorted(k for k, v in profile.items() if current.get(k) != v) + (["logo_sha256"] if logo else [])
        self.profiles[staff.tenant_id] = profile
        if changed:
            self.changes.append((staff.tenant_id, staff.staff_id, tuple(changed), logo))
        return changed

    def history(self, staff: StaffSession) -> list[ProfileChange]:
        return [ProfileChange(NOW, who, fields) for tenant, who, fields, _ in reversed(self.changes)
                if tenant == staff.tenant_id]
