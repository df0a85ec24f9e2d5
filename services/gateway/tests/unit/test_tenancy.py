"""One gateway, many universities: the tenant comes from the address, never from a default, and
what belongs to one university is never accepted at another's address. The last test walks every
page, taken from the app's own routes, so a page added later is walked without anyone remembering to."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from gateway_fakes import FakeEnrollment, FakeIdentity, tenant_profiles
from gateway_forms import post

from shomei_devtools.trust import session_trust
from shomei_gateway.entrypoints.web import create_app
from shomei_gateway.settings import GatewaySettings


def signed_in(client: FlaskClient, identity: FakeIdentity, tenant: str = "demo-univ") -> None:
    identity.activate("g@example.jp", "P", tenant_id=tenant)
    account = identity.accounts["g@example.jp"]
    account.initial, account.second_password = False, "S"
    response = post(client, f"/{tenant}/login", {"email": "g@example.jp", "password": "P", "second_password": "S"})
    assert response.headers["Location"] == f"/{tenant}/account/"


def test_the_bare_root_lists_the_universities_and_nothing_else_works_without_one(client: FlaskClient) -> None:
    directory = client.get("/").get_data(as_text=True)
    assert 'href="/demo-univ/"' in directory and "証明大学" in directory
    assert 'href="/sakura-univ/"' in directory and "桜花大学" in directory
    assert "Ohka University" in client.get("/?lang=en").get_data(as_text=True)
    for path in ("/login", "/register/", "/account/", "/manual", "/api/catalogue"):
        assert client.get(path, follow_redirects=True).status_code == 404, path


def test_an_unknown_university_is_a_404_page_never_a_default(client: FlaskClient) -> None:
    for path in ("/nowhere-univ/", "/nowhere-univ/login", "/Demo-Univ/login", "/-x/login"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "ページが見つかりません" in response.get_data(as_text=True)
    assert 'href="/"' in client.get("/nowhere-univ/login").get_data(as_text=True)  # back to the directory
    assert client.get("/demo-univ").headers["Location"] == "/demo-univ/"


def test_each_page_wears_its_universitys_name_colours_logo_and_contact(client: FlaskClient) -> None:
    demo = client.get("/demo-univ/").get_data(as_text=True)
    assert "証明大学" in demo and "office@demo-univ.example" in demo and "桜花大学" not in demo
    assert 'href="/demo-univ/theme.css?v=0b5394ffffff"' in demo and "/demo-univ/logo" not in demo
    sakura = client.get("/sakura-univ/login?lang=en").get_data(as_text=True)
    assert "Ohka University" in sakura and 'src="/sakura-univ/logo?v=1"' in sakura
    theme = client.get("/sakura-univ/theme.css")
    assert theme.mimetype == "text/css" and "--accent: #8a1538" in theme.get_data(as_text=True)
    assert client.get("/sakura-univ/logo").data.startswith(b"\x89PNG")
    assert client.get("/demo-univ/logo").status_code == 404


def test_registration_shows_the_universitys_notes_and_terms(client: FlaskClient, identity: FakeIdentity) -> None:
    assert "証明大学からのお知らせです。" in client.get("/demo-univ/register/").get_data(as_text=True)
    post(client, "/demo-univ/register/", {"email": "g@example.jp", "email_again": "g@example.jp"})
    (_, _, token), = identity.mails
    # A's one-time URL opened at B's address is not valid there, and stays usable at A.
    assert post(client, f"/sakura-univ/register/verify?token={token}", {"token": token}).status_code == 410
    assert post(client, f"/demo-univ/register/verify?token={token}", {"token": token}).status_code == 302
    assert "証明大学の利用規約です。" in client.get("/demo-univ/register/terms").get_data(as_text=True)


def test_a_graduate_of_one_university_is_a_stranger_at_another(client: FlaskClient, identity: FakeIdentity) -> None:
    signed_in(client, identity, "demo-univ")
    assert client.get("/demo-univ/account/").status_code == 200
    # Every cookie has Path=/ (as `__Host-` demands); the university is in its name.
    cookie = client.get_cookie("shomei_session-demo-univ")
    assert cookie is not None and cookie.path == "/" and client.get_cookie("shomei_session-sakura-univ") is None
    # Even a browser that sends A's session id as B's cookie is not signed in there.
    client.set_cookie("shomei_session-sakura-univ", cookie.value)
    refused = client.get("/sakura-univ/account/")
    assert refused.status_code == 302
    assert refused.headers["Location"] == "/sakura-univ/login?next=/sakura-univ/account/"
    login = post(client, "/sakura-univ/login", {"email": "g@example.jp", "password": "P", "second_password": "S"})
    assert login.status_code == 401
    # A password reset asked at B for A's address sends nothing; A's reset link is void at B.
    post(client, "/sakura-univ/password/forgot", {"email": "g@example.jp"})
    assert [kind for _, kind, _ in identity.mails] == []
    post(client, "/demo-univ/password/forgot", {"email": "g@example.jp"})
    (_, _, token), = identity.mails
    elsewhere = post(client, f"/sakura-univ/password/reset?token={token}", {
        "token": token, "password": "NewPass123", "password_again": "NewPass123",
        "second_password": "Second456x", "second_password_again": "Second456x"})
    assert elsewhere.status_code == 410


def test_after_login_next_stays_within_the_university(client: FlaskClient, identity: FakeIdentity) -> None:
    identity.activate("g@example.jp", "P")
    account = identity.accounts["g@example.jp"]
    account.initial, account.second_password = False, "S"
    response = post(client, "/demo-univ/login?next=/sakura-univ/account/",
                    {"email": "g@example.jp", "password": "P", "second_password": "S"})
    assert response.headers["Location"] == "/demo-univ/account/"


def test_a_mapped_host_name_serves_its_university_without_a_prefix(identity: FakeIdentity,
                                                                    enrollment: FakeEnrollment) -> None:
    settings = GatewaySettings(environment="test", secret_key="test-secret-key-0123456789",
                               **session_trust().settings("gateway"), secure_cookies=True,
                               tenant_hosts="certs.ohka.example.jp=sakura-univ")
    app = create_app(settings, identity=identity, enrollment=enrollment, tenants=tenant_profiles())
    client = app.test_client()
    page = client.get("/", base_url="https://certs.ohka.example.jp").get_data(as_text=True)
    assert "桜花大学" in page and 'href="/login"' in page
    identity.activate("g@example.jp", "P", tenant_id="sakura-univ")
    account = identity.accounts["g@example.jp"]
    account.initial, account.second_password = False, "S"
    csrf_page = client.get("/login", base_url="https://certs.ohka.example.jp").get_data(as_text=True)
    token = csrf_page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    login = client.post("/login", base_url="https://certs.ohka.example.jp",  # HTTPS: CSRF checks the Referer
                        headers={"Referer": "https://certs.ohka.example.jp/login"}, data={
        "csrf_token": token, "email": "g@example.jp", "password": "P", "second_password": "S"})
    assert login.headers["Location"] == "/account/"
    set_cookie = login.headers["Set-Cookie"]
    assert set_cookie.startswith("__Host-shomei_session-sakura-univ=") and "Path=/;" in set_cookie
    assert "Secure" in set_cookie and "Domain" not in set_cookie
    # The same process still serves every university by path on other host names, with
    # __Host- cookies named for the university (the prefix demands Path=/).
    other = client.get("/demo-univ/login", base_url="https://certs.example.jp")
    assert other.status_code == 200
    assert other.headers["Set-Cookie"].startswith("__Host-shomei_session_flow-demo-univ=")
    assert "Path=/;" in other.headers["Set-Cookie"] and "Secure" in other.headers["Set-Cookie"]


def test_pages_rendered_once_keep_the_links_of_the_address_they_were_asked_at(
        identity: FakeIdentity, enrollment: FakeEnrollment) -> None:
    settings = GatewaySettings(environment="test", secret_key="test-secret-key-0123456789",
                               **session_trust().settings("gateway"), tenant_hosts="certs.ohka.example.jp=sakura-univ")
    client = create_app(settings, identity=identity, enrollment=enrollment, tenants=tenant_profiles()).test_client()
    by_path = client.get("/sakura-univ/manual").get_data(as_text=True)
    by_host = client.get("/manual", base_url="http://certs.ohka.example.jp").get_data(as_text=True)
    assert 'href="/sakura-univ/login"' in by_path or 'href="/sakura-univ/"' in by_path
    assert "/sakura-univ/" not in by_host


# Values for the routes' other parts; what matters is that the address is the other university's.
SAMPLE_VALUES = {"order_id": "order-1", "certificate_id": "cert-1", "code": "7KQ4-M2XD-9P3F-WA6T"}
NOT_PAGES = {"static", "healthz", "readyz", "metrics_endpoint"}


def pages(app: Flask) -> list[str]:
    """The path (after the university's segment) of every GET route."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in NOT_PAGES or "GET" not in (rule.methods or set()):
            continue
        found.append(re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: SAMPLE_VALUES.get(m.group(1), "x1"), rule.rule))
    return found


def test_no_page_at_another_universitys_address_serves_the_first_universitys_graduate(
        app: Flask, identity: FakeIdentity) -> None:
    stranger, client = app.test_client(), app.test_client()
    signed_in(client, identity, "demo-univ")
    session = client.get_cookie("shomei_session-demo-univ")
    assert session is not None
    client.set_cookie("shomei_session-sakura-univ", session.value)  # as if the browser sent it as B's
    walked = pages(app)
    needs_a_graduate = [p for p in walked
                        if "/login" in stranger.get("/demo-univ" + p).headers.get("Location", "")]
    assert len(walked) > 20 and len(needs_a_graduate) > 8, (walked, needs_a_graduate)
    for path in walked:
        answer = client.get("/sakura-univ" + path)
        body = answer.get_data()  # bytes: a logo or a seal is an image
        assert answer.status_code < 500, (path, answer.status_code)
        assert b"g@example.jp" not in body and "証明大学".encode() not in body, path
        if path in needs_a_graduate:
            assert answer.status_code == 302 and answer.headers["Location"].startswith("/sakura-univ/login"), path
