"""Which event (and kind) becomes which mail, to whom, with which facts (contract:
docs/contracts/registration.md). Only non-secret facts are taken from the payload; a secret is
named by the template variable its `secret_ref` will fill at send time."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shomei_notifier.domain.mail import Language
from shomei_notifier.domain.orders import PRINT_REMINDER_TEMPLATE, REMINDER_TEMPLATE, reminder_due

Payload = Mapping[str, Any]


class UnknownRecipient(LookupError):
    """A notice about an account whose contact address this service has not seen yet."""


@dataclass(frozen=True)
class Contact:
    """The address and language of an account, kept from identity.account events because
    security notices (PasswordChanged, LoginLockedOut, …) carry no address of their own."""

    email: str
    language: Language


@dataclass(frozen=True)
class Route:
    template_key: str
    # Payload field holding the address; None: the account's contact (aggregate id = account id).
    recipient_field: str | None
    facts: tuple[str, ...] = ()
    secret_variable: str | None = None
    applies: Callable[[Payload], bool] = lambda payload: True
    # The service that sealed the secret and redeems its reference.
    secret_source: str = "identity"
    # A mail sent later than the event: the first moment the dispatcher may send it.
    not_before: Callable[[Payload], datetime] | None = None


@dataclass(frozen=True)
class MailPlan:
    template_key: str
    recipient: str
    language: Language
    variables: dict[str, Any]
    secret_ref: str | None
    not_before: datetime | None = None


ONE_TIME_URL = "one_time_url"
INITIAL_PASSWORD = "initial_password"
RESUBMIT_URL = "resubmit_url"


def _kind_is(kind: str) -> Callable[[Payload], bool]:
    return lambda payload: payload.get("kind") == kind


ROUTES: dict[str, tuple[Route, ...]] = {
    "RegistrationStarted": (Route("registration_confirmation", "email", ("expires_at",), ONE_TIME_URL),),
    # The address has an account already (docs/adr/0018): its owner is told how to get in,
    # whether they tried to register again or a second application of theirs was approved.
    "RegistrationRefused": (Route("account_exists", "email"),),
    "AccountActivated": (
        Route("application_approved", "email", ("expires_at", "login_url"), INITIAL_PASSWORD),
    ),
    "AccountActivationRefused": (Route("account_exists", "email", ("application_id",)),),
    "PasswordChanged": (Route("password_changed", None),),
    "SecondPasswordChanged": (Route("second_password_changed", None),),
    "EmailChangeRequested": (Route("email_change_confirmation", "new_email", ("expires_at",), ONE_TIME_URL),),
    "EmailChanged": (Route("email_changed", "old_email"),),
    "PasswordResetRequested": (Route("password_reset", "email", ("expires_at",), ONE_TIME_URL),),
    "PasswordReset": (Route("password_reset_completed", None),),
    "StudentNumberAdditionRequested": (
        Route("student_number_addition", "email", ("expires_at",), ONE_TIME_URL),
    ),
    "LoginLockedOut": (Route("login_locked_out", None, ("until",)),),
    "ApplicationSubmitted": (Route("application_received", "email", ("kind",)),),
    # Kind "registration" is announced by identity's AccountActivated, which has the password.
    "ApplicationApproved": (
        Route("student_number_added", "email", ("student_number",), applies=_kind_is("student_number")),
    ),
    "ApplicationRejected": (Route("application_rejected", "email", ("kind", "reason")),),
    # A registration's link is sealed at enrollment (ADR 0023); a student number is re-applied
    # for from the menu, and a v1 event (its link was the registration id) has no link any more.
    "ResubmissionRequested": (
        Route("application_returned", "email", ("kind", "reason", "expires_at"), RESUBMIT_URL,
              applies=lambda payload: bool(payload.get("secret_ref")), secret_source="enrollment"),
        Route("application_returned", "email", ("kind", "reason"),
              applies=lambda payload: not payload.get("secret_ref")),
    ),
    # Order and payment mails (domain/orders.py): to the contact of the account that placed
    # the order. The reminder is recorded now and sent at its time unless the order settles first.
    "OrderPlaced": (
        Route("order_received", None, ("lines", "total", "usage_fee", "print_estimate", "deadline",
                                       "payment_method", "print_channel", "student_number")),
        Route(REMINDER_TEMPLATE, None, ("deadline", "total", "payment_method"),
              not_before=lambda payload: reminder_due(payload["deadline"])),
    ),
    "SmartPitBillRegistered": (Route("smartpit_number", None, ("smartpit_number", "due", "amount")),),
    "OrderPaid": (Route("payment_completed", None, ("amount", "paid_at")),),
    "OrderExpired": (Route("order_expired", None, ("expired_at",)),),
    "PaymentRefunded": (Route("refund_made", None, ("amount", "refunded_at")),),
    # print-gateway's numbers for the order (issue 10), and the end of its print window.
    "PrintReservationIssued": (
        Route("print_reservation", None, ("print_channel", "reservations", "deadline", "print_estimate")),
        Route(PRINT_REMINDER_TEMPLATE, None, ("print_channel", "reservations", "deadline", "order_id"),
              not_before=lambda payload: reminder_due(payload["deadline"])),
    ),
    "PrintReservationFailed": (Route("print_failed", None, ("failed_at",)),),  # the reason is staff's
    "PrintReservationExpired": (Route("print_expired", None, ("expired_at",)),),
}

TEMPLATE_KEYS: frozenset[str] = frozenset(r.template_key for routes in ROUTES.values() for r in routes)
SECRET_VARIABLES: dict[str, str] = {
    r.template_key: r.secret_variable for routes in ROUTES.values() for r in routes if r.secret_variable
}
SECRET_SOURCES: dict[str, str] = {
    r.template_key: r.secret_source for routes in ROUTES.values() for r in routes if r.secret_variable
}
# Templates also mailed without their secret (a route of theirs has none): its absence is no error.
SECRET_OPTIONAL: frozenset[str] = frozenset(
    r.template_key for routes in ROUTES.values() for r in routes if r.secret_variable is None
) & frozenset(SECRET_VARIABLES)


def uses_contact(event_type: str) -> bool:
    """Whether handling the event reads the account's known contact (address or language)."""
    return event_type in _CONTACT_UPDATES or any(r.recipient_field is None for r in ROUTES.get(event_type, ()))


def plan_mails(event_type: str, payload: Payload, contact: Contact | None = None) -> list[MailPlan]:
    """The mails an event asks for; [] for events that send none."""
    plans: list[MailPlan] = []
    for route in ROUTES.get(event_type, ()):
        if not route.applies(payload):
            continue
        if route.recipient_field is None:
            if contact is None:
                raise UnknownRecipient(f"{event_type}: no contact address known for this account")
            recipient = contact.email
        else:
            recipient = str(payload[route.recipient_field])
        language = _language(payload, contact)
        variables = {name: payload.get(name) for name in route.facts}
        secret_ref = str(payload["secret_ref"]) if route.secret_variable else None
        not_before = route.not_before(payload) if route.not_before else None
        plans.append(MailPlan(route.template_key, recipient, language, variables, secret_ref, not_before))
    return plans


_CONTACT_UPDATES = frozenset({"AccountActivated", "EmailChanged"})


def contact_after(event_type: str, payload: Payload, known: Contact | None) -> Contact | None:
    """The account's contact once this event happened, or None when the event does not change it."""
    if event_type == "AccountActivated":
        return Contact(str(payload["email"]), Language.of(payload.get("locale")))
    if event_type == "EmailChanged":
        language = known.language if known else Language.of(payload.get("locale"))
        return Contact(str(payload["new_email"]), language)
    return None


def _language(payload: Payload, contact: Contact | None) -> Language:
    if payload.get("locale"):
        return Language.of(str(payload["locale"]))
    return contact.language if contact else Language.JA
