"""Graduate accounts that can log in with three factors, each made the way identity's integration
tests make one: ApplicationApproved through the consumer's handler (activation, sealed initial
password), redeem the initial password, first login, then set both passwords. All in-process,
through identity's own app and service layer, before the measured server starts."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import text

from bench.login.argon import PASSWORD
from shomei_devtools.trust import TrustKit
from shomei_identity.entrypoints.web import create_app
from shomei_identity.settings import IdentitySettings
from shomei_shared.messaging.envelope import Envelope

TENANT = "demo-univ"
SECOND_PASSWORD = "Hongo Campus 1877"


def _post(client: FlaskClient, headers: dict[str, str], path: str, body: dict[str, Any] | None = None) -> Any:
    response = client.post(path, json=body or {}, headers=headers)
    if response.status_code >= 300:
        raise RuntimeError(f"{path}: {response.status_code} {response.json}")
    return response.json


def email(number: int) -> str:
    return f"bench.graduate{number}@example.jp"


def login_body(number: int) -> dict[str, str]:
    return {"tenant_id": TENANT, "email": email(number), "password": PASSWORD, "second_password": SECOND_PASSWORD}


def create_graduates(settings: IdentitySettings, count: int, kit: TrustKit) -> None:
    app = create_app(settings)
    identity, client = app.extensions["service"], app.test_client()
    engine = app.extensions["engine"]
    try:
        for number in range(count):
            _create(identity, engine, client, kit, number)
    finally:
        engine.dispose()


def _create(identity: Any, engine: Any, client: FlaskClient, kit: TrustKit, number: int) -> None:
    token = kit.headers("gateway")  # the gateway logs in; only the notifier redeems secrets
    payload = {"registration_id": f"bench-r{number}", "email": email(number), "locale": "ja", "kind": "registration",
               "account_id": None, "graduate_id": f"bench-g{number}", "student_number": f"S{number:04d}"}
    envelope = Envelope(type="ApplicationApproved", version=1, tenant_id=TENANT,
                        aggregate_id=f"bench-application-{number}", aggregate_version=3, payload=payload)
    with engine.begin() as conn:
        identity.consume(envelope, conn)
    with engine.connect() as conn:
        activated = conn.execute(text("SELECT payload FROM events WHERE type = 'AccountActivated' "
                                      "ORDER BY id DESC LIMIT 1")).scalar_one()
    initial = _post(client, kit.headers("notifier"), f"/internal/secrets/{activated['secret_ref']}/redeem")["value"]
    first = _post(client, token, "/internal/login", {**login_body(number), "password": initial, "second_password": ""})
    _post(client, token, "/internal/login/first-passwords",
          {"setup_token": first["setup_token"], "password": PASSWORD, "second_password": SECOND_PASSWORD})
    if _post(client, token, "/internal/login", login_body(number))["status"] != "ok":
        raise RuntimeError(f"benchmark account {number} cannot log in")
