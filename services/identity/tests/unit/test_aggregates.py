from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shomei_identity.domain import events as ev
from shomei_identity.domain.account import ACTIVE, Account
from shomei_identity.domain.errors import Conflict, InvalidInput
from shomei_identity.domain.registration import Registration

NOW = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)


def test_registration_records_the_reference_never_a_token_and_verifies_once() -> None:
    registration = Registration.start("r1", "demo-univ", "a@example.jp", "ja", "ref-1", NOW + timedelta(hours=1))
    registration.verify(NOW)
    with pytest.raises(Conflict):
        registration.verify(NOW)
    started, verified = [event for _, event in registration.take_pending()]
    assert started == ev.RegistrationStarted(email="a@example.jp", locale="ja", secret_ref="ref-1",
                                             expires_at=NOW + timedelta(hours=1))
    assert verified == ev.RegistrationEmailVerified(email="a@example.jp", locale="ja")


def test_registration_refuses_verification_after_expiry() -> None:
    registration = Registration.start("r1", "demo-univ", "a@example.jp", "ja", "ref-1", NOW)
    with pytest.raises(InvalidInput):
        registration.verify(NOW)


def test_account_changes_need_the_first_passwords_set() -> None:
    account = Account.activate("a1", "demo-univ", email="a@example.jp", locale="en", application_id="app-1",
                               secret_ref="ref", expires_at=NOW + timedelta(days=7), login_url="http://gw/login")
    for change in (account.change_password, account.change_second_password,
                   lambda: account.request_password_reset("ja", "ref", NOW)):
        with pytest.raises(Conflict):
            change()
    account.set_passwords()
    assert account.status == ACTIVE
    with pytest.raises(Conflict):
        account.set_passwords()
    account.change_email("b@example.jp")
    assert account.take_pending()[-1][1] == ev.EmailChanged(old_email="a@example.jp", new_email="b@example.jp")
    account.request_password_reset("en", "ref-2", NOW)
    assert account.take_pending()[-1][1] == ev.PasswordResetRequested(email="b@example.jp", locale="en",
                                                                       secret_ref="ref-2", expires_at=NOW)
