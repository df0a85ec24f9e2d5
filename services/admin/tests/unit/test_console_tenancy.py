"""One console, many universities: staff sign in at their university's address only, never see
another's, and tenant admins edit their university's profile with errors at the fields."""

from __future__ import annotations

import io

from admin_fakes import FakeTenantAdmin
from flask.testing import FlaskClient
from unit.test_console import sign_in, token_from

from shomei_devtools.trust import assert_monitoring_is_not_public


def test_no_console_without_a_known_university_in_the_address(client: FlaskClient) -> None:
    for path in ("/", "/login", "/nowhere-univ/login", "/nowhere-univ/"):
        assert client.get(path, follow_redirects=True).status_code == 404, path
    assert "証明大学" in client.get("/demo-univ/login").get_data(as_text=True)


def test_staff_of_one_university_never_act_at_anothers_address(client: FlaskClient) -> None:
    assert sign_in(client, "reviewer@other-univ.example", tenant="demo-univ") == 401  # not staff here
    assert sign_in(client, "reviewer@demo-univ.example") == 302
    cookie = client.get_cookie("shomei_staff-demo-univ")
    assert cookie is not None and cookie.path == "/" and client.get_cookie("shomei_staff-other-univ") is None
    client.set_cookie("shomei_staff-other-univ", cookie.value)  # as if the browser sent it as B's
    refused = client.get("/other-univ/")
    assert refused.status_code == 302 and refused.headers["Location"].startswith("/other-univ/login")
    assert client.get("/other-univ/applications/app-other").status_code == 302


def test_after_sign_in_next_stays_within_the_university(client: FlaskClient) -> None:
    page = client.get("/demo-univ/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/demo-univ/login?next=/other-univ/", data={
        "csrf_token": token, "email": "reviewer@demo-univ.example", "password": "Staff-Pass-1", "totp": "123456"})
    assert response.headers["Location"] == "/demo-univ/"


def test_only_a_tenant_admin_edits_the_profile(client: FlaskClient, tenant_admin: FakeTenantAdmin) -> None:
    sign_in(client, "reviewer@demo-univ.example")
    assert client.get("/demo-univ/settings/profile").status_code == 403
    assert "大学の設定" not in client.get("/demo-univ/").get_data(as_text=True)


def test_a_tenant_admin_changes_the_profile_and_sees_errors_at_their_fields(
        client: FlaskClient, tenant_admin: FakeTenantAdmin) -> None:
    sign_in(client, "admin@demo-univ.example")
    page = client.get("/demo-univ/settings/profile").get_data(as_text=True)
    assert 'value="#0b5394"' in page and "2026-08-10 2026-08-16 夏季休業" in page
    token = token_from(client, "/demo-univ/settings/profile")
    form = {"csrf_token": token, "name_ja": "証明大学", "name_en": "Shomei University", "accent": "blue",
            "accent_ink": "#ffffff", "contact_email": "office@demo-univ.example",
            "closures": "2026-08-10 2026-08-16 夏季休業\n2026-12-29"}
    refused = client.post("/demo-univ/settings/profile", data=form)
    body = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert 'id="accent-error">色は #rrggbb 形式' in body and "2行目: 開始日と終了日を" in body
    assert tenant_admin.changes == []
    logo = (io.BytesIO(b"\x89PNG logo"), "logo.png")
    saved = client.post("/demo-univ/settings/profile", content_type="multipart/form-data", data={
        **form, "accent": "#1b4d2e", "closures": "2026-08-10 2026-08-16 夏季休業", "notes_ja": "お知らせ",
        "logo": logo})
    assert saved.headers["Location"] == "/demo-univ/settings/profile?saved=3"
    ((tenant, who, fields, uploaded),) = tenant_admin.changes
    assert (tenant, who, uploaded) == ("demo-univ", "staff-admin@demo-univ.example", b"\x89PNG logo")
    assert fields == ("accent", "notes_ja", "logo_sha256")
    history = client.get("/demo-univ/settings/profile?saved=3").get_data(as_text=True)
    assert "保存しました（3項目）" in history and "accent, notes_ja, logo_sha256" in history


def test_the_console_shows_the_public_no_monitoring_details(client: FlaskClient) -> None:
    """Metrics and readiness's details are the monitor's only (ADRs 0019, 0040)."""
    assert_monitoring_is_not_public(client, "admin")
