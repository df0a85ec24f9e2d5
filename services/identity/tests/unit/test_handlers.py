"""Service layer over the in-memory fakes: each command's rules and what it records."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from identity_steps import PASSWORD, SECOND, T, activated, active, log, token_of

from shomei_identity.domain.errors import Conflict, CredentialsRefused, InvalidInput, LockedOut, NotFound
from shomei_identity.service_layer import commands as c
from shomei_identity.service_layer.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from shomei_identity.service_layer.results import MUST_SET_PASSWORDS, OK
from shomei_shared.clock import FakeClock
from shomei_shared.service import Service, build_service


def test_registration_is_verified_once_by_its_link(identity: Service) -> None:
    started = identity.handle(c.StartRegistration(T, "Hanako@Example.jp", "en"))
    token = token_of(identity, "RegistrationStarted")
    assert token not in str(log(identity))
    verified = identity.handle(c.VerifyRegistration(token))
    assert (verified.registration_id, verified.email, verified.locale) == (started.registration_id,
                                                                           "hanako@example.jp", "en")
    with pytest.raises(InvalidInput):
        identity.handle(c.VerifyRegistration(token))
    assert [t for t, _ in log(identity)] == ["RegistrationStarted", "RegistrationEmailVerified"]


def test_registration_link_expires_after_an_hour(identity: Service, clock: FakeClock) -> None:
    identity.handle(c.StartRegistration(T, "late@example.jp", "ja"))
    token = token_of(identity, "RegistrationStarted")
    clock.advance(timedelta(minutes=60))
    with pytest.raises(InvalidInput) as raised:
        identity.handle(c.VerifyRegistration(token))
    assert raised.value.violations[0].code == "token_expired"


def test_activation_is_idempotent_per_application_and_emails_are_unique(identity: Service) -> None:
    first, _ = activated(identity)
    assert identity.handle(c.ActivateAccount(T, "app-1", "taro@example.jp", "ja")) == first
    with pytest.raises(Conflict):
        identity.handle(c.ActivateAccount(T, "app-2", "TARO@example.jp", "ja"))
    assert [t for t, _ in log(identity)] == ["AccountActivated"]


def test_a_registration_for_an_address_with_an_account_sends_no_link_and_looks_the_same(identity: Service) -> None:
    activated(identity)
    started = identity.handle(c.StartRegistration(T, "TARO@example.jp", "en"))
    assert started.registration_id and started.expires_at
    assert log(identity)[-1] == ("RegistrationRefused", {"email": "taro@example.jp", "locale": "en",
                                                         "reason": "email_has_account"})
    assert "RegistrationStarted" not in [t for t, _ in log(identity)]


def test_an_approval_for_an_address_with_an_account_is_refused_as_an_event(identity: Service) -> None:
    from shomei_identity.domain.heard import ApplicationApproved

    account_id, _ = activated(identity)
    approved = ApplicationApproved(tenant_id=T, aggregate_id="app-2", email="TARO@example.jp", locale="ja",
                                   kind="registration")
    identity.handle(approved)  # as the consumer does
    refused = [(t, p) for t, p in log(identity) if t == "AccountActivationRefused"]
    assert refused == [("AccountActivationRefused", {"application_id": "app-2", "email": "taro@example.jp",
                                                     "locale": "ja", "reason": "email_has_account"})]
    assert [t for t, _ in log(identity)].count("AccountActivated") == 1
    assert account_id


def test_first_login_forces_the_password_setting(identity: Service) -> None:
    account_id, initial = activated(identity)
    result = identity.handle(c.LogIn(T, "taro@example.jp", initial, ""))
    assert (result.status, result.session_id) == (MUST_SET_PASSWORDS, None)
    with pytest.raises(CredentialsRefused):
        identity.handle(c.LogIn(T, "taro@example.jp", initial, "anything"))
    with pytest.raises(InvalidInput) as raised:
        identity.handle(c.SetFirstPasswords(result.setup_token or "", initial, SECOND))
    assert {v.code for v in raised.value.violations} == {"password_reused"}
    assert [t for t, _ in log(identity)] == ["AccountActivated"]  # nothing half-written
    set_result = identity.handle(c.SetFirstPasswords(result.setup_token or "", PASSWORD, SECOND))
    assert set_result.status == OK and set_result.session_id
    with pytest.raises(InvalidInput):  # the setup token was single use
        identity.handle(c.SetFirstPasswords(result.setup_token or "", PASSWORD, SECOND))
    with pytest.raises(CredentialsRefused):  # the initial password was single use
        identity.handle(c.LogIn(T, "taro@example.jp", initial, ""))
    assert identity.handle(c.LogIn(T, "taro@example.jp", PASSWORD, SECOND)).account_id == account_id


def test_initial_password_expires_after_seven_days(identity: Service, clock: FakeClock) -> None:
    _, initial = activated(identity)
    clock.advance(timedelta(days=7))
    with pytest.raises(Conflict) as raised:
        identity.handle(c.LogIn(T, "taro@example.jp", initial, ""))
    assert raised.value.violations[0].code == "initial_password_expired"


def test_unknown_email_and_wrong_password_get_the_same_answer(identity: Service) -> None:
    active(identity)
    with pytest.raises(CredentialsRefused) as unknown:
        identity.handle(c.LogIn(T, "nobody@example.jp", PASSWORD, SECOND))
    with pytest.raises(CredentialsRefused) as wrong:
        identity.handle(c.LogIn(T, "taro@example.jp", PASSWORD, "Wrong Second 2"))
    assert unknown.value.violations == wrong.value.violations


def test_lockout_after_five_failures_then_unlocks_with_time(identity: Service, clock: FakeClock) -> None:
    active(identity)
    for _ in range(4):
        with pytest.raises(CredentialsRefused):
            identity.handle(c.LogIn(T, "taro@example.jp", "Wrong Password 1", SECOND))
    with pytest.raises(LockedOut) as locked:
        identity.handle(c.LogIn(T, "taro@example.jp", "Wrong Password 1", SECOND))
    assert locked.value.retry_after_seconds == 15 * 60
    assert (locked.value.first.code, locked.value.first.params) == ("locked_out", {"minutes": 15})
    assert [t for t, _ in log(identity)][-1] == "LoginLockedOut"
    with pytest.raises(LockedOut):  # even the right passwords wait
        identity.handle(c.LogIn(T, "taro@example.jp", PASSWORD, SECOND))
    clock.advance(timedelta(minutes=15))
    assert identity.handle(c.LogIn(T, "taro@example.jp", PASSWORD, SECOND)).status == OK


def test_password_changes(identity: Service) -> None:
    account_id = active(identity)
    with pytest.raises(InvalidInput) as wrong:
        identity.handle(c.ChangePassword(account_id, "Not Current 1", "New Password 9", "New Password 9"))
    assert (wrong.value.first.code, wrong.value.first.field) == ("wrong_current_password", "current_password")
    with pytest.raises(InvalidInput) as same:
        identity.handle(c.ChangePassword(account_id, PASSWORD, SECOND, SECOND))
    assert {v.code for v in same.value.violations} == {"password_same_as_second_password"}
    identity.handle(c.ChangePassword(account_id, PASSWORD, "New Password 9", "New Password 9"))
    identity.handle(c.ChangeSecondPassword(account_id, SECOND, "New Second 8", "New Second 8"))
    assert identity.handle(c.LogIn(T, "taro@example.jp", "New Password 9", "New Second 8")).status == OK
    assert [t for t, _ in log(identity)][-2:] == ["PasswordChanged", "SecondPasswordChanged"]


def test_email_change_by_link_to_the_new_address(identity: Service) -> None:
    account_id = active(identity)
    with pytest.raises(InvalidInput) as mismatch:
        identity.handle(c.RequestEmailChange(account_id, "new@example.jp", "other@example.jp", "ja", PASSWORD))
    assert mismatch.value.first.code == "email_confirmation_mismatch"
    identity.handle(c.RequestEmailChange(account_id, "New@Example.jp", "new@example.jp", "ja", PASSWORD))
    ref = identity.handle(c.ConfirmEmailChange(token_of(identity, "EmailChangeRequested")))
    assert ref.email == "new@example.jp"
    assert log(identity)[-1] == ("EmailChanged", {"old_email": "taro@example.jp", "new_email": "new@example.jp"})
    assert identity.handle(c.LogIn(T, "new@example.jp", PASSWORD, SECOND)).status == OK


def test_reset_sets_both_passwords_not_the_old_one_and_clears_the_lock(identity: Service) -> None:
    active(identity)
    for _ in range(5):
        with pytest.raises((CredentialsRefused, LockedOut)):
            identity.handle(c.LogIn(T, "taro@example.jp", "Wrong Password 1", SECOND))
    identity.handle(c.RequestPasswordReset(T, "TARO@example.jp", "en"))
    assert log(identity)[-1][1]["locale"] == "en"  # the language of the page that asked
    token = token_of(identity, "PasswordResetRequested")
    with pytest.raises(InvalidInput) as reused:
        identity.handle(c.ConfirmPasswordReset(token, PASSWORD, "Another Second 3"))
    assert {v.code for v in reused.value.violations} == {"password_reused"}
    identity.handle(c.ConfirmPasswordReset(token, "Fresh Password 4", "Another Second 3"))
    assert identity.handle(c.LogIn(T, "taro@example.jp", "Fresh Password 4", "Another Second 3")).status == OK


def test_reset_for_an_unknown_address_records_nothing(identity: Service) -> None:
    identity.handle(c.RequestPasswordReset(T, "nobody@example.jp", "ja"))
    assert log(identity) == []


def test_student_number_addition_link(identity: Service) -> None:
    account_id = active(identity)
    identity.handle(c.RequestStudentNumberAddition(account_id, "ja"))
    assert identity.handle(c.VerifyStudentNumberAddition(token_of(identity, "StudentNumberAdditionRequested"))
                           ).account_id == account_id


def test_sessions_time_out_when_idle_and_end_at_logout(identity: Service, clock: FakeClock) -> None:
    active(identity)
    session_id = identity.handle(c.LogIn(T, "taro@example.jp", PASSWORD, SECOND)).session_id
    clock.advance(timedelta(minutes=29))
    assert identity.handle(c.LookUpSession(session_id)).email == "taro@example.jp"
    clock.advance(timedelta(minutes=29))
    identity.handle(c.LookUpSession(session_id))
    identity.handle(c.LogOut(session_id))
    with pytest.raises(NotFound):
        identity.handle(c.LookUpSession(session_id))
    other = identity.handle(c.LogIn(T, "taro@example.jp", PASSWORD, SECOND)).session_id
    clock.advance(timedelta(minutes=30))
    with pytest.raises(NotFound):
        identity.handle(c.LookUpSession(other))


def test_login_rehashes_passwords_made_with_outdated_parameters(identity: Service) -> None:
    active(identity)
    assert identity.fakes is not None

    deps = identity.dependencies["deps"]

    class NewerHasher(type(deps.hasher)):  # type: ignore[misc]
        def hash(self, password: str) -> str:
            return "v2" + super().hash(password)

        def verify(self, password_hash: str, password: str) -> bool:
            return password_hash.removeprefix("v2") == super().hash(password)

        def needs_rehash(self, password_hash: str) -> bool:
            return not password_hash.startswith("v2")

    # The same state and handlers, a newer hasher: as after an upgrade of the argon2 parameters.
    newer = build_service("identity", unit_of_work=identity.unit_of_work, commands=COMMAND_HANDLERS,
                          events=EVENT_HANDLERS, dependencies={"deps": replace(deps, hasher=NewerHasher())})
    assert newer.handle(c.LogIn(T, "taro@example.jp", PASSWORD, SECOND)).status == OK
    stored = next(iter(identity.fakes[0].accounts.values()))
    assert stored.password_hash and stored.password_hash.startswith("v2")
    assert stored.second_password_hash and stored.second_password_hash.startswith("v2")


def test_expired_tokens_say_so_for_a_day_then_are_purged(identity: Service, clock: FakeClock) -> None:
    identity.handle(c.StartRegistration(T, "old@example.jp", "ja"))
    token = token_of(identity, "RegistrationStarted")
    clock.advance(timedelta(hours=2))
    with pytest.raises(InvalidInput) as expired:
        identity.handle(c.VerifyRegistration(token))
    assert expired.value.violations[0].code == "token_expired"
    clock.advance(timedelta(days=1))
    identity.handle(c.StartRegistration(T, "new@example.jp", "ja"))
    assert identity.fakes is not None and len(identity.fakes[0].tokens) == 1
    with pytest.raises(InvalidInput) as unknown:
        identity.handle(c.VerifyRegistration(token))
    assert unknown.value.violations[0].code == "token_invalid"


def test_at_most_three_live_reset_links_per_account(identity: Service, clock: FakeClock) -> None:
    active(identity)
    for _ in range(5):
        identity.handle(c.RequestPasswordReset(T, "taro@example.jp", "ja"))
    assert [t for t, _ in log(identity)].count("PasswordResetRequested") == 3
    clock.advance(timedelta(minutes=30))  # the links expired: a new one may be sent
    identity.handle(c.RequestPasswordReset(T, "taro@example.jp", "ja"))
    assert [t for t, _ in log(identity)].count("PasswordResetRequested") == 4
