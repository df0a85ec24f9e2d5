from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files

import pytest

from shomei_notifier.adapters.event_schemas import SCHEMAS, heard_events
from shomei_notifier.domain.mail import Language
from shomei_notifier.domain.routing import (
    ROUTES,
    SECRET_VARIABLES,
    TEMPLATE_KEYS,
    Contact,
    UnknownRecipient,
    contact_after,
    plan_mails,
)
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.messaging.registry import InvalidEvent

CONTACT = Contact("grad@example.jp", Language.EN)

EXPECTED = {
    # event type: (template key, recipient)
    "RegistrationStarted": ("registration_confirmation", "new@example.jp"),
    "AccountActivated": ("application_approved", "grad@example.jp"),
    "PasswordChanged": ("password_changed", CONTACT.email),
    "SecondPasswordChanged": ("second_password_changed", CONTACT.email),
    "EmailChangeRequested": ("email_change_confirmation", "renamed@example.jp"),
    "EmailChanged": ("email_changed", "grad@example.jp"),
    "PasswordResetRequested": ("password_reset", "grad@example.jp"),
    "PasswordReset": ("password_reset_completed", CONTACT.email),
    "StudentNumberAdditionRequested": ("student_number_addition", "grad@example.jp"),
    "LoginLockedOut": ("login_locked_out", CONTACT.email),
    "ApplicationSubmitted": ("application_received", "new@example.jp"),
    "ApplicationApproved": ("student_number_added", "grad@example.jp"),
    "ApplicationRejected": ("application_rejected", "new@example.jp"),
    "ResubmissionRequested": ("application_returned", "new@example.jp"),
}


@pytest.mark.parametrize("event_type", sorted(EXPECTED))
def test_each_event_maps_to_one_mail_for_the_right_recipient(
    event_type: str, make_envelope: Callable[..., Envelope]
) -> None:
    envelope = make_envelope(event_type)
    [plan] = plan_mails(event_type, envelope.payload, CONTACT)
    assert (plan.template_key, plan.recipient) == EXPECTED[event_type]
    assert (plan.secret_ref is not None) == (plan.template_key in SECRET_VARIABLES)
    assert "secret_ref" not in plan.variables


def test_registration_approval_sends_nothing_because_identity_announces_the_account(
    make_envelope: Callable[..., Envelope],
) -> None:
    envelope = make_envelope("ApplicationApproved", kind="registration", student_number=None)
    assert plan_mails("ApplicationApproved", envelope.payload) == []


def test_events_without_mail_plan_nothing() -> None:
    assert plan_mails("PasswordsSet", {}) == []
    assert plan_mails("RegistrationEmailVerified", {"email": "a@example.jp"}) == []


def test_a_notice_for_an_account_without_known_contact_is_refused() -> None:
    with pytest.raises(UnknownRecipient):
        plan_mails("PasswordChanged", {}, None)


def test_language_comes_from_the_payload_then_the_contact_then_japanese() -> None:
    assert plan_mails("PasswordChanged", {}, CONTACT)[0].language is Language.EN
    assert plan_mails("PasswordChanged", {"locale": "ja"}, CONTACT)[0].language is Language.JA
    assert plan_mails("RegistrationStarted", {"email": "a@example.jp", "locale": "en-GB", "secret_ref": "r",
                                               "expires_at": "x"})[0].language is Language.EN
    assert plan_mails("RegistrationStarted", {"email": "a@example.jp", "secret_ref": "r",
                                               "expires_at": "x"})[0].language is Language.JA
    assert Language.of("fr") is Language.JA


def test_contact_follows_activation_and_email_change() -> None:
    activated = contact_after("AccountActivated", {"email": "a@example.jp", "locale": "en"}, None)
    assert activated == Contact("a@example.jp", Language.EN)
    changed = contact_after("EmailChanged", {"old_email": "a@example.jp", "new_email": "b@example.jp"}, activated)
    assert changed == Contact("b@example.jp", Language.EN)
    assert contact_after("PasswordChanged", {}, activated) is None


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_template_key_has_a_template_in_both_languages(language: str) -> None:
    folder = files("shomei_notifier") / "templates" / language
    assert {key for key in TEMPLATE_KEYS if (folder / f"{key}.txt").is_file()} == TEMPLATE_KEYS


def test_our_schema_copies_cover_exactly_the_events_we_mail_for() -> None:
    assert set(SCHEMAS) == set(ROUTES)


@pytest.mark.parametrize("event_type", sorted(EXPECTED))
def test_sample_events_satisfy_our_copy_of_the_contract(
    event_type: str, make_envelope: Callable[..., Envelope]
) -> None:
    heard_events().read(make_envelope(event_type))


def test_a_student_number_approval_without_the_number_breaks_the_contract(
    make_envelope: Callable[..., Envelope],
) -> None:
    with pytest.raises(InvalidEvent) as caught:
        heard_events().read(make_envelope("ApplicationApproved", student_number=None))
    assert "student_number" in caught.value.errors


def test_an_event_breaking_the_contract_is_rejected_naming_the_field(
    make_envelope: Callable[..., Envelope],
) -> None:
    with pytest.raises(InvalidEvent) as caught:
        heard_events().read(make_envelope("RegistrationStarted", email="not-an-address"))
    assert "email" in caught.value.errors
