"""The browser edge (ADR 0022): `__Host-` cookies named for the university, the first login's
setup token kept on the server, logout emptying the client session, CSRF behind a TLS proxy and
rate limits keyed by the client address our own proxies saw."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from gateway_edge import flow_cookie, settings
from gateway_fakes import FakeEnrollment, FakeIdentity, tenant_profiles
from gateway_forms import csrf, post

from shomei_gateway.entrypoints.web import create_app
from shomei_gateway.settings import GatewaySettings
from shomei_shared.settings import SettingsError

PASSWORDS = {"password": "NewPass123", "password_again": "NewPass123",
             "second_password": "Second456x", "second_password_again": "Second456x"}
PROXY = "10.0.0.1"  # the reverse proxy, as the app sees the connection


def test_secure_cookies_are_host_prefixed_site_wide_and_named_for_the_university(
        identity: FakeIdentity, enrollment: FakeEnrollment) -> None:
    client = create_app(settings(secure_cookies=True), identity=identity, enrollment=enrollment,
                        tenants=tenant_profiles()).test_client()
    identity.activate("g@example.jp", "P")
    identity.accounts["g@example.jp"].initial, identity.accounts["g@example.jp"].second_password = False, "S"
    https = "https://certs.example.jp"
    page = client.get("/demo-univ/login?lang=en", base_url=https)
    token = page.get_data(as_text=True).split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    login = client.post("/demo-univ/login", base_url=https, headers={"Referer": f"{https}/demo-univ/login"},
                        data={"csrf_token": token, "email": "g@example.jp", "password": "P", "second_password": "S"})
    assert login.status_code == 302
    set_cookies = page.headers.getlist("Set-Cookie") + login.headers.getlist("Set-Cookie")
    names = {header.split("=", 1)[0] for header in set_cookies}
    assert names == {"__Host-shomei_session-demo-univ", "__Host-shomei_session_flow-demo-univ", "__Host-lang",
                     "__Host-shomei_device-demo-univ"}
    for header in set_cookies:
        attributes = [part.strip() for part in header.split(";")[1:]]
        assert "Secure" in attributes and "Path=/" in attributes and "HttpOnly" in attributes, header
        assert not any(part.startswith("Domain") for part in attributes), header


def test_outside_development_settings_refuse_insecure_cookies_and_limits_per_process() -> None:
    production = {"SHOMEI_ENVIRONMENT": "production", "SHOMEI_SECRET_KEY": "a-real-secret-key-0123456789",
                  "SHOMEI_SERVICE_SECRET": "a-real-service-secret-0123456789"}
    with pytest.raises(SettingsError, match="SHOMEI_SECURE_COOKIES"):
        GatewaySettings.from_env(env={**production, "SHOMEI_REDIS_URL": "redis://redis.internal:6379/0"})
    with pytest.raises(SettingsError, match="SHOMEI_REDIS_URL"):
        GatewaySettings.from_env(env={**production, "SHOMEI_SECURE_COOKIES": "true"})
    with pytest.raises(SettingsError, match="redis_url"):
        GatewaySettings.from_env(env={**production, "SHOMEI_SECURE_COOKIES": "true", "SHOMEI_REDIS_URL": "memory://"})
    accepted = GatewaySettings.from_env(env={**production, "SHOMEI_SECURE_COOKIES": "true",
                                             "SHOMEI_REDIS_URL": "rediss://redis.internal:6380/0",
                                             "SHOMEI_TRUSTED_PROXY_HOPS": "1"})
    assert accepted.secure_cookies and accepted.trusted_proxy_hops == 1


def test_the_setup_token_never_reaches_the_browser(client: FlaskClient, identity: FakeIdentity) -> None:
    identity.activate("g@example.jp", "Initial-Pass-1")
    first = post(client, "/demo-univ/login", {"email": "g@example.jp", "password": "Initial-Pass-1"})
    assert first.headers["Location"] == "/demo-univ/login/passwords"
    (setup_token,) = identity.setups
    kept = flow_cookie(client)
    assert kept and setup_token not in repr(kept)
    assert all(setup_token not in header for header in first.headers.getlist("Set-Cookie"))
    before = client.get_cookie("shomei_session_flow-demo-univ")
    assert before is not None
    done = post(client, "/demo-univ/login/passwords", PASSWORDS)
    assert done.headers["Location"] == "/demo-univ/account/"
    # The handle died with its use: a browser replaying the earlier cookie starts over at login.
    client.set_cookie("shomei_session_flow-demo-univ", before.value)
    assert client.get("/demo-univ/login/passwords").headers["Location"] == "/demo-univ/login"


def test_logout_empties_the_client_session(client: FlaskClient, identity: FakeIdentity) -> None:
    post(client, "/demo-univ/register/", {"email": "g@example.jp", "email_again": "g@example.jp"})
    (_, _, token), = identity.mails
    post(client, f"/demo-univ/register/verify?token={token}", {"token": token})
    identity.activate("h@example.jp", "P")
    identity.accounts["h@example.jp"].initial, identity.accounts["h@example.jp"].second_password = False, "S"
    post(client, "/demo-univ/login", {"email": "h@example.jp", "password": "P", "second_password": "S"})
    assert len(flow_cookie(client)) > 1  # the registration under way, the CSRF token
    logout = post(client, "/demo-univ/logout", form_page="/demo-univ/account/")
    assert logout.status_code == 302
    assert flow_cookie(client) == {}
    assert client.get_cookie("shomei_session-demo-univ") is None and identity.sessions == {}


def test_csrf_behind_a_tls_proxy_accepts_our_pages_and_refuses_other_sites(
        identity: FakeIdentity, enrollment: FakeEnrollment) -> None:
    client = create_app(settings(secure_cookies=True, trusted_proxy_hops=1), identity=identity,
                        enrollment=enrollment, tenants=tenant_profiles()).test_client()
    behind = {"environ_base": {"REMOTE_ADDR": PROXY},
              "headers": {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}}
    page = client.get("/demo-univ/password/forgot", base_url="http://certs.example.jp", **behind)
    assert page.headers["Strict-Transport-Security"]
    token = page.get_data(as_text=True).split('name="csrf_token" type="hidden" value="')[1].split('"')[0]

    def forgot(referer: str) -> int:
        headers = {**behind["headers"], "Referer": referer}
        return client.post("/demo-univ/password/forgot", base_url="http://certs.example.jp", headers=headers,
                           environ_base=behind["environ_base"],
                           data={"csrf_token": token, "email": "g@example.jp"}).status_code

    assert forgot("https://evil.example/demo-univ/password/forgot") == 400
    assert forgot("https://certs.example.jp/demo-univ/password/forgot") == 200


def _forgot_from(client: FlaskClient, remote: str, forwarded_for: str | None) -> int:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return int(client.post("/demo-univ/password/forgot", environ_base={"REMOTE_ADDR": remote}, headers=headers,
                           data={"csrf_token": csrf(client, "/demo-univ/password/forgot"),
                                 "email": "g@example.jp"}).status_code)


def test_behind_one_trusted_proxy_the_client_is_the_address_it_saw(identity: FakeIdentity,
                                                                   enrollment: FakeEnrollment) -> None:
    client = create_app(settings(trusted_proxy_hops=1), identity=identity, enrollment=enrollment,
                        tenants=tenant_profiles()).test_client()
    # A client writing its own X-Forwarded-For gets a fresh entry to the left each time; the
    # proxy appends the address it saw, and only that counts (mails: 5 a minute).
    spoofed = [_forgot_from(client, PROXY, f"198.51.100.{n}, 203.0.113.7") for n in range(6)]
    assert spoofed == [200] * 5 + [429]
    assert _forgot_from(client, PROXY, "203.0.113.8") == 200  # another client behind the same proxy


def test_without_trusted_proxies_forwarded_addresses_are_ignored(client: FlaskClient) -> None:
    statuses = [_forgot_from(client, "203.0.113.7", f"198.51.100.{n}") for n in range(6)]
    assert statuses == [200] * 5 + [429]
