"""Secret redemption for the notifier, staff login with TOTP, and the demo seeding CLI."""

from __future__ import annotations

import io
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pyotp
import pytest
from sqlalchemy import text

from shomei_devtools.trust import session_trust
from shomei_identity.entrypoints import seed_staff
from shomei_identity.service_layer.commands import SeedStaff
from shomei_identity.settings import IdentitySettings
from shomei_shared.web.assertions import ASSERTION_HEADER, Actor, AssertionVerifier

T = "demo-univ"


def start(kit: Any) -> str:
    body = {"tenant_id": T, "email": "hanako@example.jp", "locale": "en"}
    assert kit.client.post("/internal/registrations", json=body, headers=kit.auth).status_code == 201
    ref: str = kit.last_payload("RegistrationStarted")["secret_ref"]
    return ref


def test_redeem_returns_the_same_value_until_expiry_then_the_row_is_gone(kit: Any) -> None:
    ref = start(kit)
    first = kit.client.post(f"/internal/secrets/{ref}/redeem", headers=kit.notifier)
    again = kit.client.post(f"/internal/secrets/{ref}/redeem", headers=kit.notifier)
    assert first.status_code == again.status_code == 200
    assert first.json == again.json and first.json["kind"] == "registration_url"
    kit.clock.advance(timedelta(minutes=60))
    expired = kit.client.post(f"/internal/secrets/{ref}/redeem", headers={**kit.notifier, "Accept-Language": "en"})
    assert expired.status_code == 404
    assert expired.json == {"errors": [{"field": "secret_ref", "code": "secret_not_found",
                                        "reason": "Not found or expired."}]}
    with kit.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sealed_secrets")).scalar() == 0


def test_only_the_notifier_redeems_and_only_a_known_reference(kit: Any) -> None:
    ref = start(kit)
    assert kit.client.post(f"/internal/secrets/{ref}/redeem").status_code == 401
    wrong = {"Authorization": "Bearer notifier.not-the-secret"}
    assert kit.client.post(f"/internal/secrets/{ref}/redeem", headers=wrong).status_code == 401
    for other in (kit.auth, kit.console):  # the gateway and the console hold credentials, not this right
        assert kit.client.post(f"/internal/secrets/{ref}/redeem", headers=other).status_code == 403
    unknown = "00000000-0000-0000-0000-000000000000"
    answer = kit.client.post(f"/internal/secrets/{unknown}/redeem", headers=kit.notifier)
    malformed = kit.client.post("/internal/secrets/not-a-reference/redeem", headers=kit.notifier)
    assert answer.status_code == malformed.status_code == 404 and answer.json == malformed.json
    assert kit.client.post("/internal/secrets/../redeem", headers=kit.notifier).status_code == 404
    assert kit.redeem(ref).startswith("http")


def test_sealed_values_are_encrypted_at_rest(kit: Any) -> None:
    ref = start(kit)
    url = kit.redeem(ref)
    with kit.engine.connect() as conn:
        sealed = conn.execute(text("SELECT sealed_value FROM sealed_secrets")).scalar_one()
    assert url.encode() not in bytes(sealed) and url.split("token=")[1].encode() not in bytes(sealed)


def staff_login(kit: Any, password: str, code: str) -> Any:
    body = {"tenant_id": T, "email": "staff@demo-univ.example", "password": password, "totp_code": code}
    return kit.client.post("/internal/staff/login", json=body, headers=kit.console)


def test_staff_login_needs_password_and_current_totp_and_locks_out(kit: Any) -> None:
    seeded = kit.identity.handle(SeedStaff(T, "Staff@demo-univ.example", ("reviewer", "registrar")))
    totp = pyotp.TOTP(seeded.totp_secret)
    now = kit.clock.now()
    assert staff_login(kit, seeded.password, "000000" if totp.at(now) != "000000" else "111111").status_code == 401
    assert staff_login(kit, "Wrong Password 1", totp.at(now)).status_code == 401
    stale = totp.at(now - timedelta(minutes=5))
    assert stale == totp.at(now) or staff_login(kit, seeded.password, stale).status_code == 401
    ok = staff_login(kit, seeded.password, totp.at(now))
    assert ok.status_code == 200
    assert (ok.json["tenant_id"], ok.json["roles"]) == (T, ["registrar", "reviewer"])
    looked = kit.client.post("/internal/sessions/lookup", json={"session_id": ok.json["session_id"]},
                             headers=kit.console).json
    assert (looked["subject_kind"], looked["roles"], looked["tenant_id"]) == ("staff", ["registrar", "reviewer"], T)
    assertion = AssertionVerifier(session_trust().settings("enrollment")["assertion_keys"]).verify(looked["assertion"])
    assert assertion == Actor(T, looked["subject_id"], "staff", ("registrar", "reviewer"))
    # The gateway never sees a staff session: to it, the session does not exist.
    assert kit.client.post("/internal/sessions/lookup", json={"session_id": ok.json["session_id"]},
                           headers=kit.auth).status_code == 404
    for _ in range(5):
        locked = staff_login(kit, "Wrong Password 1", totp.at(now))
    assert locked.status_code == 429 and locked.headers["Retry-After"] == "900"
    kit.clock.advance(timedelta(minutes=15))
    assert staff_login(kit, seeded.password, totp.at(kit.clock.now())).status_code == 200
    with kit.engine.connect() as conn:
        secret_at_rest = conn.execute(text("SELECT sealed_totp_secret FROM staff_members")).scalar_one()
    assert seeded.totp_secret.encode() not in bytes(secret_at_rest)


def test_seed_staff_cli_prints_credentials_to_stdout_only(kit: Any, settings: IdentitySettings,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("SHOMEI_IDENTITY_DATABASE_URL", kit.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("SHOMEI_ENVIRONMENT", "test")
    monkeypatch.setenv("SHOMEI_SECRET_SEAL_KEY", settings.secret_seal_key)
    caplog.set_level(logging.DEBUG)
    outputs = []
    for _ in range(2):  # the second run resets the same account
        out = io.StringIO()
        seed_staff.main(["--tenant", T, "--email", "staff@demo-univ.example"], out=out)
        outputs.append(dict(line.split("=", 1) for line in out.getvalue().splitlines()))
    assert outputs[0]["staff_id"] == outputs[1]["staff_id"]
    assert outputs[0]["password"] != outputs[1]["password"]
    assert staff_login(kit, outputs[0]["password"], pyotp.TOTP(outputs[1]["totp_secret"]).now()).status_code == 401
    kit.clock.set(datetime.now(UTC))  # pyotp's now() below is the real time
    assert staff_login(kit, outputs[1]["password"], pyotp.TOTP(outputs[1]["totp_secret"]).now()).status_code == 200
    assert outputs[1]["password"] not in caplog.text and outputs[1]["totp_secret"] not in caplog.text


def test_sessions_end_after_eight_hours_even_when_used_and_stale_rows_are_purged(kit: Any) -> None:
    seeded = kit.identity.handle(SeedStaff(T, "staff@demo-univ.example", ("auditor",)))
    totp = pyotp.TOTP(seeded.totp_secret)

    def look_up(session_id: str) -> int:
        response = kit.client.post("/internal/sessions/lookup", json={"session_id": session_id},
                                   headers=kit.console)
        return int(response.status_code)

    busy = staff_login(kit, seeded.password, totp.at(kit.clock.now())).json["session_id"]
    for _ in range(16):  # used every 29 minutes: alive until 7 h 44 min
        kit.clock.advance(timedelta(minutes=29))
        assert look_up(busy) == 200
    kit.clock.advance(timedelta(minutes=29))  # 8 h 13 min after login
    assert look_up(busy) == 404
    idle = staff_login(kit, seeded.password, totp.at(kit.clock.now())).json["session_id"]
    kit.clock.advance(timedelta(minutes=30))
    staff_login(kit, seeded.password, totp.at(kit.clock.now()))  # purges the idle one
    with kit.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sessions")).scalar() == 1
    assert look_up(idle) == 404


def test_account_changes_need_a_live_graduate_session_and_its_own_assertion(kit: Any) -> None:
    body = {"current_password": "Tsukuba Seven 7", "new_password": "Kyoto Nine 9!", "confirmation": "Kyoto Nine 9!"}
    someone = {**kit.auth, ASSERTION_HEADER: session_trust().assertion(Actor(T, "account-1", "graduate"))}
    without = kit.client.post("/internal/account/password", json={**body, "session_id": "no-such-session"},
                              headers=kit.auth)
    assert without.status_code == 401  # no graduate acts: refused before the session is looked at
    unknown = kit.client.post("/internal/account/password", json={**body, "session_id": "no-such-session"},
                              headers=someone)
    assert unknown.status_code == 404 and unknown.json["errors"][0]["field"] == "session_id"
    seeded = kit.identity.handle(SeedStaff(T, "staff@demo-univ.example", ("tenant_admin",)))
    staff_session = staff_login(kit, seeded.password, pyotp.TOTP(seeded.totp_secret).at(kit.clock.now()))
    refused = kit.client.post("/internal/account/password", headers=someone,
                              json={**body, "session_id": staff_session.json["session_id"]})
    assert refused.status_code == 403
    assert refused.json == {"errors": [{"field": "session_id", "code": "graduate_login_required",
                                        "reason": "卒業生のログインが必要です。"}]}
