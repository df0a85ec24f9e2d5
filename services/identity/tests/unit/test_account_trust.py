"""Issue 8 §3 over the in-memory fakes (docs/adr/0021): lockout per account and source, the
reset path, changes that ask for a current password, sessions ended by a password change, TOTP
codes accepted once, staff locks told, and the same work for every kind of login."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
from identity_steps import PASSWORD, SECOND, FakeHasher, T, activated, active, log, token_of

from shomei_devtools.dev_secrets import fernet_key
from shomei_identity.bootstrap import bootstrap_in_memory
from shomei_identity.domain.errors import CredentialsRefused, InvalidInput, LockedOut, NotFound
from shomei_identity.service_layer import commands as c
from shomei_identity.service_layer.results import OK
from shomei_identity.settings import IdentitySettings
from shomei_shared.clock import FakeClock
from shomei_shared.service import Service

EMAIL = "taro@example.jp"
ATTACKER, OWNER = "203.0.113.9", "198.51.100.7"


def fail_five_times(identity: Service, source: str) -> None:
    for _ in range(4):
        with pytest.raises(CredentialsRefused):
            identity.handle(c.LogIn(T, EMAIL, "Wrong Password 1", SECOND, source))
    with pytest.raises(LockedOut):
        identity.handle(c.LogIn(T, EMAIL, "Wrong Password 1", SECOND, source))


def test_failures_from_elsewhere_do_not_lock_the_owner_out(identity: Service) -> None:
    active(identity)
    fail_five_times(identity, ATTACKER)
    with pytest.raises(LockedOut):  # the attacker's source stays locked, even with the right passwords
        identity.handle(c.LogIn(T, EMAIL, PASSWORD, SECOND, ATTACKER))
    assert identity.handle(c.LogIn(T, EMAIL, PASSWORD, SECOND, OWNER)).status == OK
    with pytest.raises(LockedOut):  # and the owner's success does not unlock it
        identity.handle(c.LogIn(T, EMAIL, PASSWORD, SECOND, ATTACKER))


def test_the_reset_path_works_while_locked_and_unlocks_every_source(identity: Service) -> None:
    active(identity)
    fail_five_times(identity, ATTACKER)
    fail_five_times(identity, OWNER)
    identity.handle(c.RequestPasswordReset(T, EMAIL, "ja"))
    identity.handle(c.ConfirmPasswordReset(token_of(identity, "PasswordResetRequested"), "Fresh Password 4",
                                           "Another Second 3"))
    for source in (OWNER, ATTACKER):
        assert identity.handle(c.LogIn(T, EMAIL, "Fresh Password 4", "Another Second 3", source)).status == OK


@pytest.mark.parametrize("wrong", [
    lambda account_id, session_id: c.ChangePassword(account_id, "Not Current 1", "New Password 9", "New Password 9",
                                                    session_id, ATTACKER),
    lambda account_id, session_id: c.ChangeSecondPassword(account_id, "Not Current 1", "New Second 8",
                                                          "New Second 8", session_id, ATTACKER),
    lambda account_id, session_id: c.RequestEmailChange(account_id, "new@example.jp", "new@example.jp", "ja",
                                                        "Not Current 1", ATTACKER),
], ids=["password", "second_password", "email"])
def test_a_wrong_current_password_on_a_change_counts_as_a_failed_login(identity: Service, wrong) -> None:  # type: ignore[no-untyped-def]
    account_id = active(identity)
    session_id = identity.handle(c.LogIn(T, EMAIL, PASSWORD, SECOND, ATTACKER)).session_id
    for _ in range(4):
        with pytest.raises(InvalidInput) as refused:
            identity.handle(wrong(account_id, session_id))
        assert refused.value.first.code.startswith("wrong_current")
    with pytest.raises(LockedOut):
        identity.handle(wrong(account_id, session_id))
    assert [t for t, _ in log(identity)][-1] == "LoginLockedOut"  # the owner hears of it
    with pytest.raises(LockedOut):
        identity.handle(c.LogIn(T, EMAIL, PASSWORD, SECOND, ATTACKER))
    assert identity.handle(c.LogIn(T, EMAIL, PASSWORD, SECOND, OWNER)).status == OK


def test_the_email_change_asks_for_the_current_password(identity: Service) -> None:
    account_id = active(identity)
    with pytest.raises(InvalidInput) as wrong:
        identity.handle(c.RequestEmailChange(account_id, "new@example.jp", "new@example.jp", "en", "Not Current 1"))
    assert (wrong.value.first.code, wrong.value.first.field) == ("wrong_current_password", "current_password")
    assert "EmailChangeRequested" not in [t for t, _ in log(identity)]
    identity.handle(c.RequestEmailChange(account_id, "new@example.jp", "new@example.jp", "en", PASSWORD))
    assert [t for t, _ in log(identity)][-1] == "EmailChangeRequested"


@pytest.mark.parametrize("change", [
    lambda account_id, session_id: c.ChangePassword(account_id, PASSWORD, "New Password 9", "New Password 9",
                                                    session_id),
    lambda account_id, session_id: c.ChangeSecondPassword(account_id, SECOND, "New Second 8", "New Second 8",
                                                          session_id),
], ids=["password", "second_password"])
def test_a_password_change_ends_the_accounts_other_sessions(identity: Service, change) -> None:  # type: ignore[no-untyped-def]
    account_id = active(identity)
    mine = identity.handle(c.LogIn(T, EMAIL, PASSWORD, SECOND, OWNER)).session_id
    stolen = identity.handle(c.LogIn(T, EMAIL, PASSWORD, SECOND, ATTACKER)).session_id
    identity.handle(change(account_id, mine))
    assert identity.handle(c.LookUpSession(mine)).subject_id == account_id
    with pytest.raises(NotFound):
        identity.handle(c.LookUpSession(stolen))


class CountingHasher(FakeHasher):
    def __init__(self) -> None:
        self.calls: list[str] = []

    def hash(self, password: str) -> str:
        self.calls.append("hash")
        return super().hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        self.calls.append("verify")
        return password_hash == FakeHasher.hash(self, password)


@pytest.mark.parametrize("second", ["", "Some Second 2"])
def test_every_kind_of_address_costs_the_same_two_verifications(clock: FakeClock, second: str) -> None:
    hasher = CountingHasher()
    identity = bootstrap_in_memory(IdentitySettings(environment="test", secret_seal_key=fernet_key()), clock=clock,
                                   hasher=hasher)
    activated(identity, "pending@example.jp", "app-1")
    setup = identity.handle(c.LogIn(T, EMAIL, activated(identity, EMAIL, "app-2")[1], "")).setup_token
    identity.handle(c.SetFirstPasswords(setup, PASSWORD, SECOND))
    work = {}
    for email in ("nobody@example.jp", "pending@example.jp", EMAIL):
        hasher.calls.clear()
        with pytest.raises(CredentialsRefused):
            identity.handle(c.LogIn(T, email, "Wrong Password 1", second, email))
        work[email] = list(hasher.calls)
    assert set(map(tuple, work.values())) == {("verify", "verify")}, work


def seeded_staff(identity: Service) -> tuple[str, pyotp.TOTP]:
    seeded = identity.handle(c.SeedStaff(T, "staff@demo-univ.example", ("reviewer",)))
    return seeded.password, pyotp.TOTP(seeded.totp_secret)


def staff_login(identity: Service, password: str, code: str, source: str = OWNER) -> object:
    return identity.handle(c.StaffLogIn(T, "staff@demo-univ.example", password, code, source))


def test_a_totp_code_is_accepted_once_and_never_an_older_one(identity: Service, clock: FakeClock) -> None:
    password, totp = seeded_staff(identity)
    earlier, now = totp.at(clock.now() - timedelta(seconds=30)), totp.at(clock.now())
    staff_login(identity, password, now)
    with pytest.raises(CredentialsRefused):  # the same code again, from anywhere
        staff_login(identity, password, now, ATTACKER)
    with pytest.raises(CredentialsRefused):  # a code of an earlier step, still within the drift window
        staff_login(identity, password, earlier)
    clock.advance(timedelta(seconds=30))
    staff_login(identity, password, totp.at(clock.now()))


def test_a_staff_lock_is_told_and_listed_for_the_console(identity: Service, clock: FakeClock) -> None:
    password, totp = seeded_staff(identity)
    assert identity.handle(c.ListStaffLockouts(T)) == []
    for _ in range(4):
        with pytest.raises(CredentialsRefused):
            staff_login(identity, "Wrong Password 1", totp.at(clock.now()), ATTACKER)
    with pytest.raises(LockedOut):
        staff_login(identity, "Wrong Password 1", totp.at(clock.now()), ATTACKER)
    assert log(identity)[-1] == ("StaffLoginLockedOut", {"until": (clock.now() + timedelta(minutes=15)).isoformat()})
    [lockout] = identity.handle(c.ListStaffLockouts(T))
    assert (lockout.email, lockout.locked_until) == ("staff@demo-univ.example", clock.now() + timedelta(minutes=15))
    assert identity.handle(c.ListStaffLockouts("other-univ")) == []
    staff_login(identity, password, totp.at(clock.now()), OWNER)  # the member still signs in from their desk
    clock.advance(timedelta(minutes=15))
    assert identity.handle(c.ListStaffLockouts(T)) == []
