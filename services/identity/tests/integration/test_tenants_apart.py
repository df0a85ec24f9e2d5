"""The same e-mail address at two universities is two accounts; nothing of one is accepted in
the other's name (login, reset, sessions, staff) through identity's internal API."""

from __future__ import annotations

from typing import Any

from shomei_identity.service_layer.commands import SeedStaff
from shomei_shared.messaging.envelope import Envelope

EMAIL = "hanako@example.jp"


def activate(kit: Any, tenant: str, application_id: str) -> str:
    """The account enrollment's approval creates at `tenant`; returns its initial password."""
    envelope = Envelope(type="ApplicationApproved", version=1, tenant_id=tenant, aggregate_id=application_id,
                        aggregate_version=3, payload={"registration_id": f"r-{tenant}", "email": EMAIL,
                                                      "locale": "ja", "kind": "registration", "account_id": None,
                                                      "graduate_id": f"g-{tenant}", "student_number": "S1"})
    with kit.engine.begin() as conn:
        kit.identity.consume(envelope, conn)
    activated = [p for t, p in kit.events() if t == "AccountActivated"][-1]
    assert activated["login_url"].endswith(f"/{tenant}/login")
    return kit.redeem(activated["secret_ref"])


def post(kit: Any, path: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> Any:
    return kit.client.post(f"/internal{path}", json=body, headers=headers or kit.auth)


def signed_in(kit: Any, tenant: str, initial: str, password: str, second: str) -> str:
    first = post(kit, "/login", {"tenant_id": tenant, "email": EMAIL, "password": initial, "second_password": ""})
    done = post(kit, "/login/first-passwords", {"setup_token": first.json["setup_token"], "password": password,
                                                "second_password": second})
    return str(done.json["session_id"])


def test_one_address_two_universities_two_accounts_kept_apart(kit: Any) -> None:
    session_a = signed_in(kit, "demo-univ", activate(kit, "demo-univ", "app-a"), "Aomori Apple 1", "Akita Rice 2")
    session_b = signed_in(kit, "sakura-univ", activate(kit, "sakura-univ", "app-b"), "Beppu Onsen 3", "Bizen Ware 4")
    # Each university's passwords open only its own account.
    a_at_b = post(kit, "/login", {"tenant_id": "sakura-univ", "email": EMAIL, "password": "Aomori Apple 1",
                                  "second_password": "Akita Rice 2"})
    assert a_at_b.status_code == 401
    a = post(kit, "/sessions/lookup", {"session_id": session_a, "tenant_id": "demo-univ"}).json
    b = post(kit, "/sessions/lookup", {"session_id": session_b, "tenant_id": "sakura-univ"}).json
    assert (a["tenant_id"], b["tenant_id"]) == ("demo-univ", "sakura-univ") and a["account_id"] != b["account_id"]
    # A's session asked about at B's address is unknown there, and still alive at A.
    assert post(kit, "/sessions/lookup", {"session_id": session_a, "tenant_id": "sakura-univ"}).status_code == 404
    assert post(kit, "/sessions/lookup", {"session_id": session_a, "tenant_id": "demo-univ"}).status_code == 200


def test_staff_of_one_university_cannot_sign_in_at_another(kit: Any) -> None:
    import pyotp

    seeded = kit.identity.handle(SeedStaff("demo-univ", "officer@demo-univ.example", ("reviewer",)))
    body = {"email": "officer@demo-univ.example", "password": seeded.password,
            "totp_code": pyotp.TOTP(seeded.totp_secret).at(kit.clock.now())}
    assert post(kit, "/staff/login", {**body, "tenant_id": "sakura-univ"}, kit.console).status_code == 401
    session = post(kit, "/staff/login", {**body, "tenant_id": "demo-univ"}, kit.console).json["session_id"]
    assert post(kit, "/sessions/lookup", {"session_id": session, "tenant_id": "sakura-univ"},
                kit.console).status_code == 404
    assert post(kit, "/sessions/lookup", {"session_id": session, "tenant_id": "demo-univ"},
                kit.console).json["roles"] == [
        "reviewer"]
