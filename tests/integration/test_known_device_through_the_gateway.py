"""The known-device cookie end to end (docs/adr/0026): the gateway's HTTP adapter against a real
identity on PostgreSQL, served on a free port. The owner's browser logs in once and keeps the
device id; an attacker behind the same address (here both are 127.0.0.1) locks it; the owner's
browser still logs in, and the attacker's stays locked.

A test of the suite, not of one service: it is the one place allowed to read both sides."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from gateway_fakes import tenant_profiles
from gateway_forms import post
from sqlalchemy import text
from werkzeug.serving import make_server

from shomei_devtools.dev_secrets import fernet_key
from shomei_devtools.trust import session_trust
from shomei_gateway.bootstrap import http_clients
from shomei_gateway.entrypoints.web import create_app as create_gateway
from shomei_gateway.settings import GatewaySettings
from shomei_identity.entrypoints.web import create_app as create_identity
from shomei_identity.service_layer.commands import ActivateAccount
from shomei_identity.settings import IdentitySettings
from shomei_shared.db import migrate

MIGRATIONS = Path(__file__).resolve().parents[2] / "services" / "identity" / "migrations"
EMAIL = "taro@example.jp"
PASSWORDS = {"password": "Tsukuba Seven 7", "password_again": "Tsukuba Seven 7",
             "second_password": "Hongo Campus 1877", "second_password_again": "Hongo Campus 1877"}


@pytest.fixture
def identity(new_database: Callable[[str], str]) -> Iterator[Flask]:
    url = new_database("identity_devices")
    migrate(url, MIGRATIONS)
    app = create_identity(IdentitySettings(environment="test", database_url=url, public_base_url="http://gw.test",
                                           secret_seal_key=fernet_key(), **session_trust().settings("identity")))
    yield app
    app.extensions["engine"].dispose()


@pytest.fixture
def gateway(identity: Flask) -> Iterator[Flask]:
    server = make_server("127.0.0.1", 0, identity, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings = GatewaySettings(environment="test", secret_key="test-secret-key-0123456789",
                               identity_url=f"http://127.0.0.1:{server.server_port}",
                               **session_trust().settings("gateway"))
    http_identity, enrollment, _ = http_clients(settings, lambda: "ja")
    yield create_gateway(settings, identity=http_identity, enrollment=enrollment, tenants=tenant_profiles())
    server.shutdown()
    thread.join()


def initial_password(identity: Flask) -> str:
    identity.extensions["service"].handle(ActivateAccount("demo-univ", "app-1", EMAIL, "ja"))
    client, notifier = identity.test_client(), session_trust().headers("notifier")
    with identity.extensions["engine"].connect() as conn:
        ref = conn.execute(text("SELECT payload->>'secret_ref' FROM events WHERE type = 'AccountActivated'")
                           ).scalar_one()
    value: str = client.post(f"/internal/secrets/{ref}/redeem", headers=notifier).json["value"]  # type: ignore[index]
    return value


def log_in(client: Any, password: str = PASSWORDS["password"], second: str = PASSWORDS["second_password"]) -> Any:
    return post(client, "/demo-univ/login", {"email": EMAIL, "password": password, "second_password": second})


def test_the_owners_browser_logs_in_while_an_attacker_behind_its_address_has_locked_it(
        identity: Flask, gateway: Flask) -> None:
    owner, attacker = gateway.test_client(), gateway.test_client()
    first = log_in(owner, initial_password(identity), "")
    assert first.headers["Location"] == "/demo-univ/login/passwords"
    device = owner.get_cookie("shomei_device-demo-univ")
    assert device is not None and len(device.value) >= 43  # identity's id, kept from the first login
    assert post(owner, "/demo-univ/login/passwords", PASSWORDS).status_code == 302
    assert [log_in(attacker, "Wrong Password 1").status_code for _ in range(5)] == [401, 401, 401, 401, 429]
    assert log_in(attacker).status_code == 429  # the right passwords from the locked address
    again = log_in(owner)
    assert again.status_code == 302 and again.headers["Location"] == "/demo-univ/account/"
    assert owner.get_cookie("shomei_device-demo-univ").value == device.value  # type: ignore[union-attr]
    assert log_in(attacker).status_code == 429
