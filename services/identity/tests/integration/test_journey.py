"""The whole graduate journey through the internal API on real PostgreSQL, and a check that no
event written on the way carries any secret used in it."""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine, text

from shomei_devtools.trust import session_trust
from shomei_shared.messaging.envelope import Envelope

T = "demo-univ"


class Journey:
    def __init__(self, kit: Any) -> None:
        self.kit, self.client, self.engine = kit, kit.client, kit.engine
        self.secrets: list[str] = []  # every password, token and initial password used

    def post(self, path: str, body: dict[str, Any] | None = None, headers: dict[str, str] | None = None) -> Any:
        for key, value in (body or {}).items():
            if "password" in key or key in {"token", "session_id"} or (key == "confirmation" and "@" not in value):
                self.secrets.append(value)
        if headers is None and path.startswith("/account/"):
            headers = self.kit.graduate_auth((body or {})["session_id"])
        return self.client.post(f"/internal{path}", json=body if body is not None else {},
                                headers=headers or self.kit.auth)

    def token(self, event_type: str) -> str:
        url: str = self.kit.redeem(self.kit.last_payload(event_type)["secret_ref"])
        token = url.split("token=")[1]
        self.secrets += [url, token]
        return token

    def login(self, email: str, password: str, second: str) -> Any:
        return self.post("/login", {"tenant_id": T, "email": email, "password": password, "second_password": second})


def approve(kit: Any, email: str, application_id: str = "application-1") -> None:
    envelope = Envelope(type="ApplicationApproved", version=1, tenant_id=T, aggregate_id=application_id,
                        aggregate_version=3, payload={"registration_id": "r-1", "email": email, "locale": "ja",
                                                      "kind": "registration", "account_id": None,
                                                      "graduate_id": "g-1", "student_number": "S1234"})
    handler = kit.identity.consume
    with kit.engine.begin() as conn:
        handler(envelope, conn)
    with kit.engine.begin() as conn:  # redelivered: still one account
        handler(envelope, conn)


def test_graduate_journey_end_to_end(kit: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    j = Journey(kit)
    engine, clock = kit.engine, kit.clock
    # Registration: start, verify by the one-time URL (the URL goes to the gateway's verify page).
    started = j.post("/registrations", {"tenant_id": T, "email": "Taro@Example.jp", "locale": "ja"})
    assert started.status_code == 201
    registration = kit.last_payload("RegistrationStarted")
    assert set(registration) == {"email", "locale", "secret_ref", "expires_at"}
    url = kit.redeem(registration["secret_ref"])
    assert url.startswith("http://127.0.0.1:58080/demo-univ/register/verify?token=")
    token = j.token("RegistrationStarted")
    # Opened at another university's address, the link is invalid there and stays unused.
    assert j.post("/registrations/verify", {"token": token, "tenant_id": "sakura-univ"}).status_code == 400
    verified = j.post("/registrations/verify", {"token": token, "tenant_id": T})
    assert verified.json["registration_id"] == started.json["registration_id"]
    assert j.post("/registrations/verify", {"token": token}).status_code == 400

    # Approval arrives from enrollment; the initial password is sealed for the notifier.
    approve(kit, "taro@example.jp")
    activation = kit.last_payload("AccountActivated")
    assert activation["login_url"] == "http://127.0.0.1:58080/demo-univ/login"
    initial = kit.redeem(activation["secret_ref"])
    j.secrets.append(initial)
    assert [t for t, _ in kit.events()].count("AccountActivated") == 1

    # First login: initial password and an empty second password → must set passwords.
    first = j.login("taro@example.jp", initial, "")
    assert first.json["status"] == "must_set_passwords" and "session_id" not in first.json
    setup = first.json["setup_token"]
    j.secrets.append(setup)
    weak = j.post("/login/first-passwords", {"setup_token": setup, "password": "ｐａｓｓ",
                                             "second_password": "qwertyui"}, kit.auth_en)
    assert weak.status_code == 400
    assert {e["field"] for e in weak.json["errors"]} == {"password", "second_password"}
    assert {"field": "password", "code": "password_full_width",
            "reason": "The password must use half-width (ASCII) letters, digits, symbols and spaces only; "
                      "full-width characters are not accepted."} in weak.json["errors"]
    done = j.post("/login/first-passwords", {"setup_token": setup, "password": "Tsukuba Seven 7",
                                             "second_password": "Hongo Campus 1877"})
    assert done.status_code == 200 and done.json["status"] == "ok"

    # Login with three factors, and the session it gives.
    login = j.login("TARO@example.jp", "Tsukuba Seven 7", "Hongo Campus 1877")
    assert login.status_code == 200
    session_id = login.json["session_id"]
    account_id = login.json["account_id"]
    j.secrets.append(session_id)
    assert session_id != done.json["session_id"]
    looked = j.post("/sessions/lookup", {"session_id": session_id}).json
    assert (looked["account_id"], looked["email"], looked["subject_kind"]) == (account_id, "taro@example.jp",
                                                                              "graduate")

    # Each change flow.
    mine = {"session_id": session_id}
    assert j.post("/account/password", {**mine, "current_password": "Tsukuba Seven 7",
                  "new_password": "Kyoto Nine 9!", "confirmation": "Kyoto Nine 9!"}).status_code == 204
    assert j.post("/account/second-password", {**mine, "current_second_password": "Hongo Campus 1877",
                  "new_second_password": "Osaka Eight 8", "confirmation": "Osaka Eight 8"}).status_code == 204
    assert j.post("/account/email-change", {**mine, "new_email": "taro2@example.jp",
                  "confirmation": "taro2@example.jp", "current_password": "Kyoto Nine 9!"}).status_code == 202
    confirmed = j.post("/email-change/confirm", {"token": j.token("EmailChangeRequested")})
    assert confirmed.json["email"] == "taro2@example.jp"
    assert j.post("/account/student-number-addition", {**mine, "locale": "en"}).status_code == 202
    link = j.post("/student-number-addition/verify", {"token": j.token("StudentNumberAdditionRequested")})
    assert link.json["account_id"] == account_id

    # Lockout: five failures lock for 15 minutes (429 with Retry-After), even the right passwords wait.
    for attempt in range(5):
        refused = j.login("taro2@example.jp", f"Wrong Guess {attempt}", "Osaka Eight 8")
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "900"
    assert refused.json == {"errors": [{"field": "_login", "code": "locked_out", "reason":
                                        "ログインに連続して失敗したため、一時的にロックされています。15分後に再度お試しください。"}]}
    assert j.login("taro2@example.jp", "Kyoto Nine 9!", "Osaka Eight 8").status_code == 429
    assert kit.last_payload("LoginLockedOut")["until"]
    clock.advance(timedelta(minutes=15))
    assert j.login("taro2@example.jp", "Kyoto Nine 9!", "Osaka Eight 8").status_code == 200

    # Reset: new password and new second password (not the old password); old sessions end.
    assert j.post("/password-reset", {"tenant_id": T, "email": "taro2@example.jp"}).status_code == 202
    reset_token = j.token("PasswordResetRequested")
    # Another university's address: the same e-mail there has no account, and this token is invalid.
    requested = [t for t, _ in kit.events()].count("PasswordResetRequested")
    assert j.post("/password-reset", {"tenant_id": "sakura-univ", "email": "taro2@example.jp"}).status_code == 202
    assert [t for t, _ in kit.events()].count("PasswordResetRequested") == requested
    elsewhere = j.post("/password-reset/confirm", {"token": reset_token, "tenant_id": "sakura-univ",
                                                   "new_password": "Sendai Eleven 11",
                                                   "new_second_password": "Nara Ten 10"})
    assert elsewhere.status_code == 400 and elsewhere.json["errors"][0]["field"] == "token"
    reused = j.post("/password-reset/confirm", {"token": reset_token, "new_password": "Kyoto Nine 9!",
                                                "new_second_password": "Nara Ten 10"})
    assert reused.status_code == 400 and reused.json["errors"][0]["field"] == "password"
    assert j.post("/password-reset/confirm", {"token": reset_token, "new_password": "Sendai Eleven 11",
                                              "new_second_password": "Nara Ten 10"}).status_code == 204
    assert j.post("/sessions/lookup", {"session_id": session_id}).status_code == 404
    final = j.login("taro2@example.jp", "Sendai Eleven 11", "Nara Ten 10")
    assert final.status_code == 200

    # Logout ends the session.
    assert j.post("/sessions/logout", {"session_id": final.json["session_id"]}).status_code == 204
    assert j.post("/sessions/lookup", {"session_id": final.json["session_id"]}).status_code == 404

    assert [t for t, _ in kit.events()] == [
        "RegistrationStarted", "RegistrationEmailVerified", "AccountActivated", "PasswordsSet", "PasswordChanged",
        "SecondPasswordChanged", "EmailChangeRequested", "EmailChanged", "StudentNumberAdditionRequested",
        "LoginLockedOut", "PasswordResetRequested", "PasswordReset"]
    _assert_no_secret_in_events(kit, j.secrets)
    _assert_no_secret_at_rest(engine, j.secrets)
    assert [s for s in j.secrets if s and s in caplog.text] == []


def _assert_no_secret_in_events(kit: Any, secrets: list[str]) -> None:
    payloads = json.dumps([p for _, p in kit.events()], ensure_ascii=False)
    assert len(secrets) > 20
    leaked = [s for s in secrets if s and s in payloads]
    assert leaked == []


def _assert_no_secret_at_rest(engine: Engine, secrets: list[str]) -> None:
    """Tokens, session ids and passwords are stored only as hashes or sealed."""
    with engine.connect() as conn:
        dump = " ".join(str(row) for table in ("accounts", "one_time_tokens", "sessions", "sealed_secrets")
                        for row in conn.execute(text(f"SELECT * FROM {table}")).all())
    assert [s for s in secrets if s and s in dump] == []


def test_errors_name_the_field_in_japanese_by_default(kit: Any, client: FlaskClient) -> None:
    response = client.post("/internal/registrations", json={"tenant_id": T, "email": "not-an-email"},
                           headers=kit.auth)
    assert response.status_code == 400
    assert response.json == {"errors": [{"field": "email", "reason": "メールアドレスの形式が正しくありません。"}]}
    assert client.post("/internal/login", json={}).status_code == 401


def test_login_never_tells_whether_the_email_exists(kit: Any, client: FlaskClient) -> None:
    approve(kit, "known@example.jp")
    body = {"tenant_id": T, "password": "Whatever Pass 1", "second_password": "Other Pass 2"}
    unknown = client.post("/internal/login", json={**body, "email": "unknown@example.jp"}, headers=kit.auth)
    known = client.post("/internal/login", json={**body, "email": "known@example.jp"}, headers=kit.auth)
    assert unknown.status_code == known.status_code == 401
    assert unknown.json == known.json == {"errors": [{"field": "_login", "code": "login_refused", "reason":
                                                      "メールアドレス、パスワードまたは第2パスワードが正しくありません。"}]}


def test_openapi_documents_the_internal_api(client: FlaskClient) -> None:
    assert client.get("/internal/openapi.json").status_code == 401
    paths = client.get("/internal/openapi.json", headers=session_trust().headers("admin")).json["paths"]
    assert {"/internal/login", "/internal/staff/login", "/internal/secrets/{secret_ref}/redeem",
            "/internal/password-reset/confirm"} <= set(paths)
