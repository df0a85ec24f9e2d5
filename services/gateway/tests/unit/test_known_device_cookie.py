"""The device cookie (docs/adr/0026): after a login the gateway keeps the device id identity
answered in a long-lived cookie named for the university, and sends it with the next login, so
that a lock of an address shared with an attacker (a campus NAT) does not keep the owner out."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from gateway_fakes import FakeIdentity
from gateway_forms import post

EMAIL, PASSWORD, SECOND = "g@example.jp", "Right-Pass-1", "Right-Second-2"
COOKIE = "shomei_device-demo-univ"


def active(identity: FakeIdentity) -> None:
    identity.activate(EMAIL, PASSWORD)
    identity.accounts[EMAIL].initial, identity.accounts[EMAIL].second_password = False, SECOND


def log_in(client: FlaskClient, password: str = PASSWORD) -> int:
    answer = post(client, "/demo-univ/login", {"email": EMAIL, "password": password, "second_password": SECOND})
    return int(answer.status_code)


def test_the_gateway_keeps_the_device_identity_answers_and_sends_it_with_the_next_login(
        client: FlaskClient, identity: FakeIdentity) -> None:
    active(identity)
    first = post(client, "/demo-univ/login", {"email": EMAIL, "password": PASSWORD, "second_password": SECOND})
    assert first.status_code == 302 and identity.devices_shown == [""]  # no cookie yet
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None and identity.accounts[EMAIL].devices == {cookie.value}
    [header] = [h for h in first.headers.getlist("Set-Cookie") if h.startswith(COOKIE + "=")]
    attributes = {part.strip().split("=")[0]: part.strip() for part in header.split(";")[1:]}
    assert attributes["Max-Age"] == "Max-Age=31536000" and attributes["SameSite"] == "SameSite=Lax"
    assert "HttpOnly" in attributes and attributes["Path"] == "Path=/"
    post(client, "/demo-univ/logout", form_page="/demo-univ/account/")
    assert client.get_cookie(COOKIE) is not None  # a logout ends the session, not what the browser is
    assert log_in(client) == 302
    assert identity.devices_shown == ["", cookie.value]


def test_a_lock_of_the_shared_address_does_not_keep_out_the_browser_that_logged_in_before(
        app: Flask, identity: FakeIdentity) -> None:
    active(identity)
    owner, attacker = app.test_client(), app.test_client()  # both behind 127.0.0.1
    assert log_in(owner) == 302
    assert [log_in(attacker, "Wrong-Pass-9") for _ in range(5)] == [401, 401, 401, 401, 429]
    assert log_in(attacker) == 429  # the address is locked for a browser identity does not know
    assert log_in(owner) == 302


def test_a_damaged_device_cookie_is_sent_as_none(client: FlaskClient, identity: FakeIdentity) -> None:
    active(identity)
    client.set_cookie(COOKIE, "not a device id; " + "x" * 300)
    assert log_in(client) == 302 and identity.devices_shown == [""]
