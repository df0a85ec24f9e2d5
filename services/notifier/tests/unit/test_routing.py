from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from importlib.resources import files

import pytest

from shomei_notifier.adapters.event_schemas import SCHEMAS, heard_events
from shomei_notifier.domain.mail import Language
from shomei_notifier.domain.orders import OrderFacts, order_facts, reminder_due
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
    # and the three that mail nobody: one links a payment to its order, two withdraw a reminder
    assert set(SCHEMAS) == set(ROUTES) | {"PaymentOpened", "OrderCancelled", "PrintOrderFulfilled"}


ORDER_MAILS = {
    "OrderPlaced": ["order_received", "payment_reminder"],
    "SmartPitBillRegistered": ["smartpit_number"],
    "OrderPaid": ["payment_completed"],
    "OrderExpired": ["order_expired"],
    "PaymentRefunded": ["refund_made"],
    "PaymentOpened": [],
    "OrderCancelled": [],
}


@pytest.mark.parametrize("event_type", sorted(ORDER_MAILS))
def test_order_and_payment_events_mail_the_accounts_contact_in_its_language(
    event_type: str, make_envelope: Callable[..., Envelope]
) -> None:
    payload = heard_events().read(make_envelope(event_type)).payload_values  # type: ignore[attr-defined]
    plans = plan_mails(event_type, payload, CONTACT)
    assert [p.template_key for p in plans] == ORDER_MAILS[event_type]
    assert all(p.recipient == CONTACT.email and p.language is Language.EN for p in plans)
    assert all(p.secret_ref is None for p in plans)


def test_an_order_mail_for_an_account_without_known_contact_is_refused(make_envelope: Callable[..., Envelope]) -> None:
    with pytest.raises(UnknownRecipient):
        plan_mails("OrderPaid", make_envelope("OrderPaid").payload, None)


def test_the_reminder_waits_until_nine_in_tokyo_two_days_before_the_deadline_day(
    make_envelope: Callable[..., Envelope],
) -> None:
    [received, reminder] = plan_mails("OrderPlaced", make_envelope("OrderPlaced").payload, CONTACT)
    assert received.not_before is None
    # deadline 23:59:59 JST Monday 30 November → 09:00 JST Saturday 28 November
    assert reminder.not_before == datetime(2026, 11, 28, 0, 0, tzinfo=UTC)
    assert reminder_due("2026-12-31T14:59:59+00:00") == datetime(2026, 12, 29, 0, 0, tzinfo=UTC)


def test_order_facts_link_orders_payments_and_accounts() -> None:
    assert order_facts("OrderPlaced", "o-1", "m-1", {"account_id": "a-1", "total": 900}) == OrderFacts(
        "o-1", "a-1", placed_message_id="m-1", amount=900)
    assert order_facts("PaymentOpened", "p-1", "m-2", {"order_id": "o-1", "account_id": "a-1", "amount": 900}) \
        == OrderFacts("o-1", "a-1", payment_id="p-1", amount=900)
    assert order_facts("SmartPitBillRegistered", "p-1", "m-3", {}) == OrderFacts(None, payment_id="p-1")
    assert order_facts("PaymentRefunded", "p-1", "m-4", {"order_id": "o-1"}) == OrderFacts("o-1")
    assert order_facts("OrderCancelled", "o-1", "m-5", {}) == OrderFacts("o-1")
    assert order_facts("PasswordChanged", "a-1", "m-6", {}) is None


def test_a_smart_pit_number_that_is_not_13_digits_breaks_the_contract(
    make_envelope: Callable[..., Envelope],
) -> None:
    with pytest.raises(InvalidEvent) as caught:
        heard_events().read(make_envelope("SmartPitBillRegistered", smartpit_number="12345"))
    assert "smartpit_number" in caught.value.errors


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
