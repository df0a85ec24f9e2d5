from __future__ import annotations

import io
import re
from datetime import UTC, datetime

from admin_fakes import FakeReviews, FakeStaffIdentity
from flask.testing import FlaskClient

from shomei_admin.service_layer.ports import StaffLockout


def sign_in(client: FlaskClient, email: str, code: str = "123456", tenant: str = "demo-univ") -> int:
    page = client.get(f"/{tenant}/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    response = client.post(f"/{tenant}/login", data={"csrf_token": token, "email": email,
                                                     "password": "Staff-Pass-1", "totp": code})
    return response.status_code


def token_from(client: FlaskClient, path: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get(path).get_data(as_text=True)).group(1)  # type: ignore[union-attr]


def test_sign_in_needs_the_totp_code(client: FlaskClient) -> None:
    assert client.get("/demo-univ/").headers["Location"].startswith("/demo-univ/login")
    assert sign_in(client, "reviewer@demo-univ.example", code="000000") == 401
    assert sign_in(client, "reviewer@demo-univ.example") == 302
    assert client.get("/demo-univ/").status_code == 200


def test_tenant_admins_see_whose_sign_in_is_locked_and_others_do_not(client: FlaskClient,
                                                                     staff_identity: FakeStaffIdentity) -> None:
    until = datetime(2026, 4, 1, 3, 15, tzinfo=UTC)
    staff_identity.lockouts += [("demo-univ", StaffLockout("s-1", "reviewer@demo-univ.example", until)),
                                ("other-univ", StaffLockout("s-2", "reviewer@other-univ.example", until))]
    sign_in(client, "admin@demo-univ.example")
    page = client.get("/demo-univ/").get_data(as_text=True)
    assert 'id="staff-lockouts"' in page and "reviewer@demo-univ.example" in page and "12:15まで" in page
    assert "reviewer@other-univ.example" not in page
    assert set(staff_identity.sources) == {"127.0.0.1"}  # the sign-in told identity where it came from
    client.post("/demo-univ/logout", data={"csrf_token": token_from(client, "/demo-univ/")})
    sign_in(client, "reviewer@demo-univ.example")
    assert 'id="staff-lockouts"' not in client.get("/demo-univ/").get_data(as_text=True)


def test_queue_is_sorted_by_due_time_and_flags_overdue_and_shows_only_own_tenant(client: FlaskClient) -> None:
    sign_in(client, "reviewer@demo-univ.example")
    page = client.get("/demo-univ/").get_data(as_text=True)
    assert page.index("遅延 花子") < page.index("山田 太郎")
    assert page.count('class="overdue"') == 1
    assert "他大 学" not in page
    assert client.get("/demo-univ/applications/app-other").status_code == 404


def test_reviewer_decides_with_the_rules_of_each_decision(client: FlaskClient, reviews: FakeReviews) -> None:
    sign_in(client, "reviewer@demo-univ.example")
    page = client.get("/demo-univ/applications/app-soon").get_data(as_text=True)
    assert "S1234567" in page and "生年月日" in page and "本人確認書類の画像: 表面（運転免許証）" in page
    token = token_from(client, "/demo-univ/applications/app-soon")
    missing = client.post("/demo-univ/applications/app-soon", data={"csrf_token": token, "decision": "reject"})
    assert "却下・再申請の場合は理由を入力してください。" in missing.get_data(as_text=True)
    no_number = client.post("/demo-univ/applications/app-soon", data={"csrf_token": token, "decision": "approve"})
    assert "承認する学籍番号を入力してください" in no_number.get_data(as_text=True)
    assert reviews.decisions == []
    done = client.post("/demo-univ/applications/app-soon", data={"csrf_token": token, "decision": "return",
                                                       "reason": "裏面の画像が読めません。"})
    assert done.headers["Location"] == "/demo-univ/?decided=return"
    reviewer = "staff-reviewer@demo-univ.example"
    assert reviews.decisions == [("app-soon", reviewer, "return", "裏面の画像が読めません。", "")]


def test_an_auditor_reads_but_cannot_decide_or_import(client: FlaskClient, reviews: FakeReviews) -> None:
    sign_in(client, "auditor@demo-univ.example")
    page = client.get("/demo-univ/applications/app-soon").get_data(as_text=True)
    assert "判定する" not in page
    token = token_from(client, "/demo-univ/applications/app-soon")
    response = client.post("/demo-univ/applications/app-soon", data={"csrf_token": token, "decision": "approve",
                                                           "student_number": "S1"})
    assert response.status_code == 403 and reviews.decisions == []
    assert client.get("/demo-univ/alumni/import").status_code == 403


def test_registrar_imports_alumni_and_sees_the_row_report(client: FlaskClient, reviews: FakeReviews) -> None:
    sign_in(client, "registrar@demo-univ.example")
    token = token_from(client, "/demo-univ/alumni/import")
    csv = "student_number,name_kanji\nS1,山田 太郎\n".encode("cp932")
    page = client.post("/demo-univ/alumni/import",
                       data={"csrf_token": token, "file": (io.BytesIO(csv), "alumni.csv")},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "新規 2 件、更新 0 件、エラー 1 件" in page and "日付の形式が正しくありません。" in page
    assert reviews.imports == [csv]


def test_console_sends_protective_headers_and_needs_csrf(client: FlaskClient) -> None:
    response = client.get("/demo-univ/login")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert client.post("/demo-univ/login", data={"email": "x", "password": "y", "totp": "123456"}).status_code == 400
