"""Known devices (docs/adr/0026) over the in-memory fakes: a browser the account logged in from
is guarded on its own, so others failing behind the same address (a campus NAT) do not lock the
owner out; the device's own failures lock it; one account's device id is nothing to another."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
from identity_steps import PASSWORD, SECOND, T, activated, active

from shomei_identity.domain.devices import DEVICE_LIFETIME, MAX_DEVICES
from shomei_identity.domain.errors import CredentialsRefused, LockedOut
from shomei_identity.domain.tokens import hash_token
from shomei_identity.service_layer import commands as c
from shomei_identity.service_layer.results import OK, LoginResult, StaffSession
from shomei_shared.clock import FakeClock
from shomei_shared.service import Service

EMAIL, OTHER = "taro@example.jp", "jiro@example.jp"
CAMPUS = "203.0.113.9"  # the NAT that attacker and owner share


def log_in(identity: Service, email: str = EMAIL, password: str = PASSWORD, device: str = "",
           source: str = CAMPUS) -> LoginResult:
    return identity.handle(c.LogIn(T, email, password, SECOND, source, device))


def lock(identity: Service, email: str = EMAIL, device: str = "", source: str = CAMPUS) -> None:
    for _ in range(4):
        with pytest.raises(CredentialsRefused):
            log_in(identity, email, "Wrong Password 1", device, source)
    with pytest.raises(LockedOut):
        log_in(identity, email, "Wrong Password 1", device, source)


def known_device(identity: Service, email: str = EMAIL) -> str:
    result = log_in(identity, email)
    assert result.status == OK and result.device
    device: str = result.device
    return device


def second_account(identity: Service) -> None:
    _, initial = activated(identity, OTHER, "app-2")
    setup = identity.handle(c.LogIn(T, OTHER, initial, "")).setup_token
    identity.handle(c.SetFirstPasswords(setup, PASSWORD, SECOND))


def test_failures_behind_the_owners_address_do_not_lock_the_owners_known_device(identity: Service) -> None:
    active(identity)
    device = known_device(identity)
    lock(identity)  # the attacker, from the campus NAT, without the owner's cookie
    with pytest.raises(LockedOut):  # the address is locked for whoever has no known device
        log_in(identity)
    owner = log_in(identity, device=device)
    assert owner.status == OK and owner.device == device  # the device keeps its id
    with pytest.raises(LockedOut):  # and the owner's success does not unlock the address
        log_in(identity)


def test_a_known_devices_own_failures_lock_that_device(identity: Service) -> None:
    active(identity)
    device = known_device(identity)
    lock(identity, device=device)  # a stolen cookie gives five guesses, not unlimited ones
    with pytest.raises(LockedOut):
        log_in(identity, device=device)
    assert log_in(identity).status == OK  # the address was not what failed


def test_a_device_id_of_one_account_does_not_help_another(identity: Service) -> None:
    active(identity)
    second_account(identity)
    device_of_taro = known_device(identity, EMAIL)
    lock(identity, OTHER)
    with pytest.raises(LockedOut):  # Taro's device is unknown for Jiro: Jiro's address guard holds
        log_in(identity, OTHER, device=device_of_taro)
    elsewhere = log_in(identity, OTHER, device=device_of_taro, source="198.51.100.7")
    assert elsewhere.device not in (None, device_of_taro)  # a fresh id of Jiro's own, never one shown
    assert log_in(identity, EMAIL, device=device_of_taro).device == device_of_taro


def test_an_unknown_device_id_counts_as_none(identity: Service) -> None:
    active(identity)
    lock(identity)
    with pytest.raises(LockedOut):
        log_in(identity, device="made-up-device-id")


def test_only_hashes_are_kept_the_least_recently_seen_go_beyond_the_cap_and_after_a_year(
        identity: Service, clock: FakeClock) -> None:
    account_id = active(identity)
    devices = []
    for _ in range(MAX_DEVICES + 1):
        devices.append(known_device(identity))
        clock.advance(timedelta(minutes=1))
    assert identity.fakes is not None
    kept = identity.fakes[0].devices
    assert set(kept) == {(account_id, hash_token(d)) for d in devices[1:]}  # the first one is gone
    lock(identity)
    with pytest.raises(LockedOut):
        log_in(identity, device=devices[0])
    assert log_in(identity, device=devices[1]).device == devices[1]
    clock.advance(DEVICE_LIFETIME)
    lock(identity)
    with pytest.raises(LockedOut):  # not seen for a year: forgotten, like its cookie
        log_in(identity, device=devices[2])


def test_a_staff_members_known_device_is_not_locked_by_failures_from_the_same_address(
        identity: Service, clock: FakeClock) -> None:
    seeded = identity.handle(c.SeedStaff(T, "staff@demo-univ.example", ("reviewer",)))
    totp = pyotp.TOTP(seeded.totp_secret)

    def staff_login(password: str, device: str = "") -> StaffSession:
        return identity.handle(c.StaffLogIn(T, "staff@demo-univ.example", password, totp.at(clock.now()),
                                            CAMPUS, device))

    device = staff_login(seeded.password).device
    assert device
    clock.advance(timedelta(seconds=30))
    for _ in range(4):
        with pytest.raises(CredentialsRefused):
            staff_login("Wrong Password 1")
    with pytest.raises(LockedOut):
        staff_login("Wrong Password 1")
    with pytest.raises(LockedOut):
        staff_login(seeded.password)
    assert staff_login(seeded.password, device).device == device
