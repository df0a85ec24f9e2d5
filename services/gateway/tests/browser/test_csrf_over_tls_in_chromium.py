"""CSRF over HTTPS in real Chromium (ADR 0022): Flask-WTF checks the Referer of every HTTPS
POST, so the site's own forms must send one (Referrer-Policy strict-origin-when-cross-origin)
and a form on another origin is refused even with a valid token and the victim's cookies
(another port of the same host is the same site, so SameSite=Lax does not stop it)."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from typing import Any

import pytest
import trustme
from flask import Flask
from gateway_browser import labelled, served
from gateway_edge import settings
from gateway_fakes import FakeEnrollment, FakeIdentity, tenant_profiles
from playwright.sync_api import expect

from shomei_gateway.entrypoints.web import create_app


@pytest.fixture(scope="module")
def tls() -> ssl.SSLContext:
    """A server context with a certificate for 127.0.0.1 from a test CA of our own."""
    authority = trustme.CA()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


@pytest.fixture
def secure_app(identity: FakeIdentity, enrollment: FakeEnrollment) -> Flask:
    return create_app(settings(secure_cookies=True), identity=identity, enrollment=enrollment,
                      tenants=tenant_profiles())


@pytest.fixture
def site(secure_app: Flask, tls: ssl.SSLContext) -> Iterator[str]:
    with served(secure_app, tls) as url:
        yield url + "/demo-univ"


@pytest.fixture
def https_page(browser: Any) -> Iterator[Any]:
    # The test CA is not in Chromium's store; the connection is still TLS, and cookies and the
    # Referer behave as on any HTTPS site.
    context = browser.new_context(locale="ja-JP", ignore_https_errors=True)
    yield context.new_page()
    context.close()


def attacker_page(target: str, token: str) -> Any:
    """Another origin's page: a form aimed at the site, carrying a token stolen from it."""
    body = (f'<!doctype html><html lang="en"><title>prize</title><form method="post" action="{target}">'
            f'<input type="hidden" name="csrf_token" value="{token}">'
            '<input type="hidden" name="email" value="g@example.jp">'
            '<button type="submit">Claim your prize</button></form></html>').encode()

    def app(_environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [body]

    return app


def test_forms_work_over_https_and_another_origins_post_is_refused(
        https_page: Any, site: str, identity: FakeIdentity, tls: ssl.SSLContext) -> None:
    page = https_page
    identity.activate("g@example.jp", "P")
    identity.accounts["g@example.jp"].initial, identity.accounts["g@example.jp"].second_password = False, "S"
    page.goto(site + "/login")
    labelled(page, "メールアドレス").fill("g@example.jp")
    labelled(page, "パスワード").fill("P")
    labelled(page, "第2パスワード").fill("S")
    page.get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("heading", name="メニュー")).to_be_visible()
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
    assert set(cookies) == {"__Host-shomei_session-demo-univ", "__Host-shomei_session_flow-demo-univ",
                            "__Host-shomei_device-demo-univ"}
    assert all(cookie["secure"] and cookie["path"] == "/" for cookie in cookies.values())

    page.goto(site + "/password/forgot")
    token = page.locator('input[name="csrf_token"]').get_attribute("value")
    with served(attacker_page(site + "/password/forgot", token), tls) as elsewhere:
        assert elsewhere.split(":")[-1] != site.split(":")[-1].split("/")[0]
        page.goto(elsewhere + "/")
        page.get_by_role("button", name="Claim your prize").click()
        expect(page.get_by_role("heading", name="ページの有効期限が切れました")).to_be_visible()
    assert [kind for _, kind, _ in identity.mails] == []

    page.goto(site + "/password/forgot")
    labelled(page, "メールアドレス").fill("g@example.jp")
    page.get_by_role("button", name="送信").click()
    expect(page.get_by_role("heading", name="メールを送信しました")).to_be_visible()
    assert [kind for _, kind, _ in identity.mails] == ["reset"]

    page.goto(site + "/account/")
    page.get_by_role("button", name="ログアウト").click()
    expect(page.get_by_text("ログアウトしました。")).to_be_visible()
    left = {cookie["name"] for cookie in page.context.cookies()}
    assert "__Host-shomei_session-demo-univ" not in left
    assert "__Host-shomei_device-demo-univ" in left  # what the browser is outlives the session (ADR 0026)
