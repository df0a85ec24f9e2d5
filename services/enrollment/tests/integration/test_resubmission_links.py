"""Re-application links (ADR 0023): one-time, hashed, expiring, bound to tenant and application."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, text

from shomei_enrollment.domain.resubmission_link import LIFETIME
from shomei_shared.clock import FakeClock

from .conftest import AUTH, resubmission_link, staff, token_of
from .test_concurrency_and_ownership import submit


def returned(app: Flask, engine: Engine, registration_id: str, form: dict[str, Any]) -> tuple[str, str]:
    """A returned application and its link's token."""
    application_id = submit(app, registration_id, form)
    client = app.test_client()
    decided = client.post(f"/internal/staff/applications/{application_id}/decision", headers=staff("demo-univ", "s"),
                          json={"decision": "return", "reason": "住所が読めません"})
    assert decided.status_code == 200
    return application_id, token_of(resubmission_link(client, engine, application_id))


def open_link(client: FlaskClient, token: str, tenant_id: str = "demo-univ") -> Any:
    return client.post("/internal/resubmission-links/open", headers=AUTH, json={"tenant_id": tenant_id, "token": token})


def resubmit(client: FlaskClient, application_id: str, form: dict[str, Any], token: str) -> Any:
    return client.put(f"/internal/applications/{application_id}/resubmission", headers=AUTH,
                      json={**form, "token": token})


def code(response: Any) -> str:
    [error] = response.json["errors"]
    assert error["field"] == "token"
    return str(error["code"])


def test_a_link_opens_until_it_is_used_once_then_is_refused(app: Flask, engine: Engine, form: dict[str, Any],
                                                            verified_registration: Callable[..., str]) -> None:
    application_id, token = returned(app, engine, verified_registration(), form)
    client = app.test_client()
    assert open_link(client, token).status_code == 200
    assert open_link(client, token).status_code == 200  # opening uses nothing: a form may be left and resumed
    assert resubmit(client, application_id, form, token).status_code == 200
    assert code(open_link(client, token)) == "resubmission_link_used"
    # Returned again: the old link stays used, the new mail's link works.
    again = client.post(f"/internal/staff/applications/{application_id}/decision", headers=staff("demo-univ", "s"),
                        json={"decision": "return", "reason": "もう一度"})
    assert again.status_code == 200
    assert code(resubmit(client, application_id, form, token)) == "resubmission_link_used"
    fresh = token_of(resubmission_link(client, engine, application_id))
    assert fresh != token and resubmit(client, application_id, form, fresh).status_code == 200


def test_an_expired_link_is_refused(app: Flask, engine: Engine, clock: FakeClock, form: dict[str, Any],
                                    verified_registration: Callable[..., str]) -> None:
    application_id, token = returned(app, engine, verified_registration(), form)
    client = app.test_client()
    clock.advance(LIFETIME - timedelta(seconds=1))
    assert open_link(client, token).status_code == 200
    clock.advance(timedelta(seconds=1))
    assert code(open_link(client, token)) == "resubmission_link_expired"
    assert code(resubmit(client, application_id, form, token)) == "resubmission_link_expired"
    expired = open_link(client, token)
    assert "有効期限" in expired.json["errors"][0]["reason"]


def test_a_link_is_refused_at_another_university_and_stays_unused(
        app: Flask, engine: Engine, form: dict[str, Any], verified_registration: Callable[..., str]) -> None:
    application_id, token = returned(app, engine, verified_registration(), form)
    client = app.test_client()
    assert code(open_link(client, token, tenant_id="sakura-univ")) == "resubmission_link_invalid"
    assert resubmit(client, application_id, form, token).status_code == 200  # at its own university


def test_a_link_resubmits_only_its_own_application(app: Flask, engine: Engine, form: dict[str, Any],
                                                   verified_registration: Callable[..., str]) -> None:
    mine, my_token = returned(app, engine, verified_registration("taro@example.jp"), form)
    other, _ = returned(app, engine, verified_registration("hanako@example.jp"), form)
    client = app.test_client()
    assert code(resubmit(client, other, form, my_token)) == "resubmission_link_invalid"
    assert resubmit(client, mine, form, my_token).status_code == 200  # not used up by the refusal


def test_unknown_tokens_are_refused_and_only_the_hash_is_stored(
        app: Flask, engine: Engine, form: dict[str, Any], verified_registration: Callable[..., str]) -> None:
    _, token = returned(app, engine, verified_registration(), form)
    client = app.test_client()
    assert code(open_link(client, token + "x")) == "resubmission_link_invalid"
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT token_hash FROM resubmission_links")).scalars().all()
        sealed = connection.execute(text("SELECT sealed_value FROM sealed_secrets")).scalars().all()
    assert stored == [hashlib.sha256(token.encode()).hexdigest()]
    assert token.encode() not in b"".join(bytes(s) for s in sealed)

