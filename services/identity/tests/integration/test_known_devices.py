"""Known devices on real PostgreSQL through identity's internal API (docs/adr/0026): attacker and
owner behind one address (a campus NAT), the owner's browser with its device id from an earlier
login; the device's own failures; one account's device id offered for another; staff alike."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

import pyotp
from sqlalchemy import text

from shomei_identity.service_layer.commands import ActivateAccount, SeedStaff

T = "demo-univ"
TARO, JIRO = "taro@example.jp", "jiro@example.jp"
PASSWORD, SECOND = "Tsukuba Seven 7", "Hongo Campus 1877"
CAMPUS = "203.0.113.9"
STAFF = "staff@demo-univ.example"


def login(kit: Any, email: str, password: str = PASSWORD, device: str = "", source: str = CAMPUS,
          second: str = SECOND) -> Any:
    return kit.client.post("/internal/login", headers=kit.auth, json={
        "tenant_id": T, "email": email, "password": password, "second_password": second, "source": source,
        "device": device})


def active(kit: Any, email: str, application_id: str) -> str:
    """An account with its passwords set; returns the device id its first login was given."""
    kit.identity.handle(ActivateAccount(T, application_id, email, "ja"))
    initial = kit.redeem(kit.last_payload("AccountActivated")["secret_ref"])
    first = login(kit, email, initial, second="")
    assert first.status_code == 200 and first.json["status"] == "must_set_passwords", first.json
    done = kit.client.post("/internal/login/first-passwords", headers=kit.auth, json={
        "setup_token": first.json["setup_token"], "password": PASSWORD, "second_password": SECOND})
    assert done.status_code == 200, done.json
    device: str = first.json["device"]
    return device


def lock(kit: Any, email: str, device: str = "") -> None:
    answers = [login(kit, email, "Wrong Password 1", device).status_code for _ in range(5)]
    assert answers == [401, 401, 401, 401, 429]


def test_failures_behind_the_owners_address_do_not_lock_the_owners_known_device(kit: Any) -> None:
    device = active(kit, TARO, "app-1")
    lock(kit, TARO)  # the attacker, behind the same NAT, without the owner's cookie
    assert login(kit, TARO).status_code == 429
    owner = login(kit, TARO, device=device)
    assert owner.status_code == 200 and owner.json["device"] == device, owner.json
    assert login(kit, TARO).status_code == 429  # the owner's success leaves the attacker's lock
    with kit.engine.connect() as conn:
        kept = conn.execute(text("SELECT id_hash FROM known_devices")).scalars().all()
    assert kept == [hashlib.sha256(device.encode()).hexdigest()]  # only the hash is kept


def test_a_known_devices_own_failures_lock_that_device(kit: Any) -> None:
    device = active(kit, TARO, "app-1")
    lock(kit, TARO, device)  # a stolen cookie gives five guesses per lock, like an address
    assert login(kit, TARO, device=device).status_code == 429
    assert login(kit, TARO).status_code == 200  # the address did not fail


def test_a_device_id_of_one_account_does_not_help_another(kit: Any) -> None:
    device_of_taro = active(kit, TARO, "app-1")
    active(kit, JIRO, "app-2")
    lock(kit, JIRO)
    assert login(kit, JIRO, device=device_of_taro).status_code == 429
    elsewhere = login(kit, JIRO, device=device_of_taro, source="198.51.100.7")
    assert elsewhere.status_code == 200 and elsewhere.json["device"] != device_of_taro


def test_a_staff_members_known_device_signs_in_while_the_address_is_locked(kit: Any) -> None:
    seeded = kit.identity.handle(SeedStaff(T, STAFF, ("reviewer",)))
    totp = pyotp.TOTP(seeded.totp_secret)

    def staff_login(password: str, device: str = "") -> Any:
        return kit.client.post("/internal/staff/login", headers=kit.console, json={
            "tenant_id": T, "email": STAFF, "password": password, "totp_code": totp.at(kit.clock.now()),
            "source": CAMPUS, "device": device})

    first = staff_login(seeded.password)
    assert first.status_code == 200 and first.json["device"]
    kit.clock.advance(timedelta(seconds=30))  # a fresh code
    assert [staff_login("Wrong Password 1").status_code for _ in range(5)] == [401, 401, 401, 401, 429]
    assert staff_login(seeded.password).status_code == 429
    again = staff_login(seeded.password, first.json["device"])
    assert again.status_code == 200 and again.json["device"] == first.json["device"]
