"""Service credentials, endpoint declarations and on-whose-behalf assertions (ADR 0019)."""

from __future__ import annotations

import json
import secrets
import time

import jwt
import pytest
from flask import Blueprint, Flask, Response, jsonify

from shomei_shared.web.api import install_api_errors
from shomei_shared.web.assertions import (
    ASSERTION_HEADER,
    AUDIENCE,
    ISSUER,
    Actor,
    AssertionSigner,
    AssertionVerifier,
    new_signing_key,
    public_jwks,
)
from shomei_shared.web.trust import (
    Trust,
    caller_of,
    callers,
    current_actor,
    current_caller_or_none,
    format_verifiers,
    install_trust,
    parse_verifiers,
    verifier_of,
)

RING = json.dumps({"keys": [new_signing_key("k1")]})
GATEWAY, ADMIN = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
STAFF = Actor("univ-a", "staff-1", "staff", ("reviewer",))


def make_app(callers_text: str, keys: str = RING) -> Flask:
    app = Flask(__name__)
    install_trust(app, Trust(parse_verifiers(callers_text), AssertionVerifier(public_jwks(keys))))
    internal = Blueprint("internal", __name__, url_prefix="/internal")

    @internal.get("/anonymous")
    @callers("gateway")
    def anonymous() -> Response:
        return jsonify(ok=True)

    @internal.post("/decide")
    @callers("admin", acting="staff", role="reviewer")
    def decide() -> Response:
        actor = current_actor()
        return jsonify(tenant=actor.tenant_id, staff=actor.subject_id)

    @internal.get("/probe")
    @callers("gateway", anonymous=True)
    def probe() -> Response:
        return jsonify(caller=current_caller_or_none())

    @internal.get("/forgotten")
    def forgotten() -> Response:  # no declaration: must be refused whoever calls
        return jsonify(leaked=True)

    app.register_blueprint(internal)
    install_api_errors(app)
    return app


def auth(service: str, secret: str, actor: Actor | None = None, keys: str = RING) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {service}.{secret}"}
    if actor is not None:
        headers[ASSERTION_HEADER] = AssertionSigner(keys).issue(actor)
    return headers


CALLERS = format_verifiers({"gateway": [verifier_of(GATEWAY)], "admin": [verifier_of(ADMIN)]})


def test_a_declared_endpoint_admits_only_its_callers() -> None:
    client = make_app(CALLERS).test_client()
    assert client.get("/internal/anonymous").status_code == 401
    assert client.get("/internal/anonymous", headers=auth("gateway", "guessed")).status_code == 401
    assert client.get("/internal/anonymous", headers=auth("admin", GATEWAY)).status_code == 401
    assert client.get("/internal/anonymous", headers=auth("admin", ADMIN)).status_code == 403
    assert client.get("/internal/anonymous", headers=auth("gateway", GATEWAY)).status_code == 200


def test_an_anonymous_endpoint_lets_in_no_credential_but_still_checks_a_sent_one() -> None:
    client = make_app(CALLERS).test_client()
    assert client.get("/internal/probe").json == {"caller": None}
    assert client.get("/internal/probe", headers=auth("gateway", GATEWAY)).json == {"caller": "gateway"}
    assert client.get("/internal/probe", headers=auth("gateway", "guessed")).status_code == 401
    assert client.get("/internal/probe", headers=auth("admin", ADMIN)).status_code == 403
    assert client.get("/internal/anonymous").status_code == 401  # only where declared
    with pytest.raises(ValueError, match="nobody acting"):
        callers("admin", acting="staff", anonymous=True)


def test_an_endpoint_without_a_declaration_is_refused_to_every_caller() -> None:
    client = make_app(CALLERS).test_client()
    for service, secret in (("gateway", GATEWAY), ("admin", ADMIN)):
        response = client.get("/internal/forgotten", headers=auth(service, secret))
        assert response.status_code == 403 and b"leaked" not in response.data


def test_the_acting_person_comes_from_the_assertion_with_kind_and_role_checked() -> None:
    client = make_app(CALLERS).test_client()
    assert client.post("/internal/decide", headers=auth("admin", ADMIN)).status_code == 401
    assert client.post("/internal/decide", headers=auth("admin", ADMIN, STAFF)).json == {
        "tenant": "univ-a", "staff": "staff-1"}
    graduate = Actor("univ-a", "acct-1", "graduate")
    assert client.post("/internal/decide", headers=auth("admin", ADMIN, graduate)).status_code == 403
    auditor = Actor("univ-a", "staff-2", "staff", ("auditor",))
    assert client.post("/internal/decide", headers=auth("admin", ADMIN, auditor)).status_code == 403
    tenant_admin = Actor("univ-a", "staff-3", "staff", ("tenant_admin",))
    assert client.post("/internal/decide", headers=auth("admin", ADMIN, tenant_admin)).status_code == 200


def test_forged_expired_and_foreign_assertions_are_refused() -> None:
    client = make_app(CALLERS).test_client()
    foreign = json.dumps({"keys": [new_signing_key("k1")]})  # same kid, another key
    assert client.post("/internal/decide", headers=auth("admin", ADMIN, STAFF, foreign)).status_code == 401
    now = int(time.time())
    key = jwt.PyJWKSet.from_json(RING).keys[0]
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": "staff-1", "tenant": "univ-a", "kind": "staff",
              "roles": ["reviewer"], "iat": now - 900, "exp": now - 600, "jti": "x"}
    expired = jwt.encode(claims, key.key, algorithm="EdDSA", headers={"kid": "k1"})
    headers = {**auth("admin", ADMIN), ASSERTION_HEADER: expired}
    assert client.post("/internal/decide", headers=headers).status_code == 401
    unsigned = jwt.encode({**claims, "exp": now + 60}, None, algorithm="none", headers={"kid": "k1"})
    headers = {**auth("admin", ADMIN), ASSERTION_HEADER: unsigned}
    assert client.post("/internal/decide", headers=headers).status_code == 401


def test_a_caller_secret_rotates_without_a_refused_call() -> None:
    """Rotation: the callee accepts old and new, the caller switches, the old one is retired."""
    old, new = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    before = make_app(format_verifiers({"gateway": [verifier_of(old)]})).test_client()
    during = make_app(format_verifiers({"gateway": [verifier_of(old), verifier_of(new)]})).test_client()
    after = make_app(format_verifiers({"gateway": [verifier_of(new)]})).test_client()
    # Step 1: the callee's settings gain the new verifier; the caller still sends the old secret.
    assert before.get("/internal/anonymous", headers=auth("gateway", old)).status_code == 200
    assert during.get("/internal/anonymous", headers=auth("gateway", old)).status_code == 200
    # Step 2: the caller switches; both work while instances of either generation run.
    assert during.get("/internal/anonymous", headers=auth("gateway", new)).status_code == 200
    # Step 3: the old verifier is retired; the old secret no longer opens anything.
    assert after.get("/internal/anonymous", headers=auth("gateway", new)).status_code == 200
    assert after.get("/internal/anonymous", headers=auth("gateway", old)).status_code == 401


def test_signing_keys_rotate_by_kid_without_a_refused_assertion() -> None:
    old, new = new_signing_key("old"), new_signing_key("new")
    both = json.dumps({"keys": [old, new]})
    client = make_app(CALLERS, both).test_client()
    signed_by_old = auth("admin", ADMIN, STAFF, json.dumps({"keys": [old]}))
    signed_by_new = auth("admin", ADMIN, STAFF, json.dumps({"keys": [new, old]}))
    assert client.post("/internal/decide", headers=signed_by_old).status_code == 200
    assert client.post("/internal/decide", headers=signed_by_new).status_code == 200
    retired = make_app(CALLERS, json.dumps({"keys": [new]})).test_client()
    assert retired.post("/internal/decide", headers=signed_by_old).status_code == 401


def test_credentials_and_verifiers_are_read_strictly() -> None:
    verifiers = parse_verifiers(f"gateway={verifier_of('a')}, gateway={verifier_of('b')}")
    assert caller_of("Bearer gateway.a", verifiers) == "gateway" and caller_of("Bearer gateway.b", verifiers)
    assert caller_of("Bearer gateway.c", verifiers) is None and caller_of("gateway.a", verifiers) is None
    assert caller_of("Bearer admin.a", verifiers) is None
    with pytest.raises(ValueError):
        parse_verifiers("gateway=short")
    with pytest.raises(ValueError):
        callers("admin", role="reviewer")  # a role only means something for staff


def test_identity_without_signing_keys_says_what_to_set() -> None:
    for missing in ("", "change-me", '{"keys": []}'):
        with pytest.raises(ValueError, match="SHOMEI_ASSERTION_SIGNING_KEYS"):
            AssertionSigner(missing)
