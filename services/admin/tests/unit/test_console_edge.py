"""The console's browser edge (ADR 0022): `__Host-` cookies named for the university, logout
emptying the client session, the referrer policy HTTPS forms need, settings that refuse a
production console without secure cookies or shared rate limits."""

from __future__ import annotations

import re

import pytest
from admin_fakes import FakeReviews, FakeStaffIdentity, FakeTenantAdmin, tenant_profiles
from flask.testing import FlaskClient
from unit.test_console import sign_in, token_from

from shomei_admin.entrypoints.web import create_app
from shomei_admin.settings import AdminSettings
from shomei_devtools.trust import session_trust
from shomei_shared.settings import SettingsError

HTTPS = "https://console.example.jp"


def test_secure_cookies_are_host_prefixed_site_wide_and_named_for_the_university(
        staff_identity: FakeStaffIdentity, reviews: FakeReviews, tenant_admin: FakeTenantAdmin) -> None:
    settings = AdminSettings(environment="test", secret_key="admin-test-secret-0123", secure_cookies=True,
                             **session_trust().settings("admin"))
    client = create_app(settings, identity=staff_identity, reviews=reviews, tenant_admin=tenant_admin,
                        tenants=tenant_profiles()).test_client()
    page = client.get("/demo-univ/login", base_url=HTTPS)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.get_data(as_text=True))
    assert token is not None
    login = client.post("/demo-univ/login", base_url=HTTPS, headers={"Referer": f"{HTTPS}/demo-univ/login"},
                        data={"csrf_token": token.group(1), "email": "reviewer@demo-univ.example",
                              "password": "Staff-Pass-1", "totp": "123456"})
    assert login.status_code == 302
    set_cookies = page.headers.getlist("Set-Cookie") + login.headers.getlist("Set-Cookie")
    assert {header.split("=", 1)[0] for header in set_cookies} == {
        "__Host-shomei_staff-demo-univ", "__Host-shomei_staff_flow-demo-univ", "__Host-shomei_staff_device-demo-univ"}
    for header in set_cookies:
        attributes = [part.strip() for part in header.split(";")[1:]]
        assert "Secure" in attributes and "Path=/" in attributes and "HttpOnly" in attributes, header
        assert not any(part.startswith("Domain") for part in attributes), header
    assert client.get("/demo-univ/", base_url=HTTPS).status_code == 200
    token_page = client.get("/demo-univ/", base_url=HTTPS).get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', token_page)
    assert token is not None
    logout = client.post("/demo-univ/logout", base_url=HTTPS, headers={"Referer": f"{HTTPS}/demo-univ/"},
                         data={"csrf_token": token.group(1)})
    # Browsers ignore a `__Host-` cookie's deletion that is not itself Secure.
    (deleted,) = [h for h in logout.headers.getlist("Set-Cookie") if h.startswith("__Host-shomei_staff-demo-univ=;")]
    assert "Secure" in deleted and "Path=/" in deleted


def test_logout_empties_the_client_session(client: FlaskClient, staff_identity: FakeStaffIdentity) -> None:
    assert sign_in(client, "reviewer@demo-univ.example") == 302
    token = token_from(client, "/demo-univ/")
    assert client.get_cookie("shomei_staff_flow-demo-univ") is not None  # the CSRF token, at least
    assert client.post("/demo-univ/logout", data={"csrf_token": token}).status_code == 302
    assert client.get_cookie("shomei_staff_flow-demo-univ") is None
    assert client.get_cookie("shomei_staff-demo-univ") is None


def test_every_page_says_the_referrer_policy_https_forms_need(client: FlaskClient) -> None:
    for path in ("/demo-univ/login", "/nowhere-univ/login", "/healthz"):
        assert client.get(path).headers["Referrer-Policy"] == "strict-origin-when-cross-origin", path


def test_outside_development_settings_refuse_insecure_cookies_and_limits_per_process() -> None:
    production = {"SHOMEI_ENVIRONMENT": "production", "SHOMEI_SECRET_KEY": "a-real-secret-key-0123456789",
                  "SHOMEI_SERVICE_SECRET": "a-real-service-secret-0123456789"}
    with pytest.raises(SettingsError, match="SHOMEI_SECURE_COOKIES"):
        AdminSettings.from_env(env={**production, "SHOMEI_REDIS_URL": "redis://redis.internal:6379/0"})
    with pytest.raises(SettingsError, match="SHOMEI_REDIS_URL"):
        AdminSettings.from_env(env={**production, "SHOMEI_SECURE_COOKIES": "true"})
    assert AdminSettings.from_env(env={**production, "SHOMEI_SECURE_COOKIES": "true",
                                       "SHOMEI_REDIS_URL": "redis://redis.internal:6379/0"}).secure_cookies


def test_the_console_keeps_the_device_identity_answers_and_sends_it_with_the_next_sign_in(
        client: FlaskClient, staff_identity: FakeStaffIdentity) -> None:
    """docs/adr/0026: a lock of an address shared with others does not keep out a known device."""
    assert sign_in(client, "reviewer@demo-univ.example") == 302
    cookie = client.get_cookie("shomei_staff_device-demo-univ")
    assert cookie is not None and cookie.value and staff_identity.devices_shown == [""]
    assert client.post("/demo-univ/logout", data={"csrf_token": token_from(client, "/demo-univ/")}).status_code == 302
    assert client.get_cookie("shomei_staff_device-demo-univ") is not None  # it outlives the session
    assert sign_in(client, "reviewer@demo-univ.example") == 302
    assert staff_identity.devices_shown == ["", cookie.value]
