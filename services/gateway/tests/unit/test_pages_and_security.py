from __future__ import annotations

import io
from typing import Any

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from flask.testing import FlaskClient
from gateway_forms import post

from shomei_devtools.trust import assert_monitoring_is_not_public
from shomei_gateway.entrypoints import i18n


def test_top_page_is_japanese_by_default_and_english_on_request(client: FlaskClient) -> None:
    page = client.get("/demo-univ/").get_data(as_text=True)
    assert '<html lang="ja">' in page and "新規登録" in page
    english = client.get("/demo-univ/?lang=en")
    assert '<html lang="en">' in english.get_data(as_text=True) and "Register" in english.get_data(as_text=True)
    assert "lang=en" in english.headers["Set-Cookie"]
    assert "Log in" in client.get("/demo-univ/login").get_data(as_text=True)  # remembered by the cookie


def test_security_headers_on_every_page(client: FlaskClient) -> None:
    response = client.get("/demo-univ/login")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    # Other sites get the origin only; our own HTTPS forms send the Referer Flask-WTF checks.
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


def test_a_post_without_csrf_token_is_refused(client: FlaskClient) -> None:
    response = client.post("/demo-univ/login", data={"email": "a@example.jp", "password": "x"})
    assert response.status_code == 400


def test_login_attempts_are_rate_limited_per_address(client: FlaskClient) -> None:
    statuses = [post(client, "/demo-univ/login", {"email": "a@example.jp", "password": "WrongPass1"}).status_code
                for _ in range(11)]
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429


def test_a_body_too_large_gets_a_page_in_the_users_language(client: FlaskClient) -> None:
    # What a browser without script sends: the body is refused unread, the answer still says why.
    body = {"id_front": (io.BytesIO(bytes(17 << 20)), "camera.png")}
    response = client.post("/demo-univ/register/applicant", data=body, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 413 and "ファイルが大きすぎます" in page and "5MB" in page
    assert "Request Entity Too Large" not in page


def test_every_text_has_an_english_translation() -> None:
    source = i18n.SOURCE.parent
    ids = {found[2] for found in extract_from_dir(
        str(source), method_map=[("**/templates/**.html", "jinja2"), ("**.py", "python")],
        keywords={"_": None, "_l": None, "gettext": None, "lazy_gettext": None}) if isinstance(found[2], str)}
    with (i18n.SOURCE / "en" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        translated = {m.id for m in read_po(po) if m.id and m.string}
    assert ids - translated == set()


def test_api_for_browsers_and_its_openapi_document(client: FlaskClient, identity: Any, enrollment: Any) -> None:
    from gateway_forms import post

    from shomei_devtools.fuzz import no_server_errors
    from shomei_gateway.service_layer.ports import Profile

    catalogue = client.get("/demo-univ/api/catalogue?lang=ja").json
    assert catalogue["groups"][0]["departments"][0] == {"code": "demo/lit/jpn", "name": "日本文学科"}
    refused = client.get("/demo-univ/api/me", headers={"Accept-Language": "en"})
    assert (refused.status_code, refused.json) == (401, {"errors": [{"field": "_session", "reason": "Please log in."}]})
    identity.activate("g@example.jp", "P")
    account = identity.accounts["g@example.jp"]
    account.initial, account.second_password = False, "S"
    enrollment.profiles[account.account_id] = Profile({}, ["S2015001"])
    post(client, "/demo-univ/login", {"email": "g@example.jp", "password": "P", "second_password": "S"})
    assert client.get("/demo-univ/api/me").json == {"email": "g@example.jp", "student_numbers": ["S2015001"]}
    assert set(client.get("/demo-univ/api/openapi.json").json["paths"]) == {"/api/catalogue", "/api/me"}
    assert no_server_errors(client.application, "/demo-univ/api/openapi.json") == 2


def test_the_public_edge_shows_no_monitoring_details(client: FlaskClient) -> None:
    """Metrics and readiness's details say what is down and how busy the suite is: the monitor's
    only (ADRs 0019, 0040). Readiness's bare yes or no answers anyone, for the kubelet."""
    assert_monitoring_is_not_public(client, "gateway")
