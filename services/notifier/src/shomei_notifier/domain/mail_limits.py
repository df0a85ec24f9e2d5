"""How many registration mails one address gets: anyone can type an address into 新規登録, so
without a limit the form is a way to flood someone's mailbox (issue 8 §3, ADR 0023).

The limit is applied here, where the mail is decided, to both answers of a registration (a link,
or "you have an account", ADR 0018) alike, so the browser's answer still says nothing about
whether the address has an account."""

from __future__ import annotations

from datetime import timedelta

REGISTRATION_EVENTS = frozenset({"RegistrationStarted", "RegistrationRefused"})
MAX_REGISTRATION_MAILS = 5
WINDOW = timedelta(hours=1)
SUPPRESSED = "registration_mail_limit"


def limited(event_type: str) -> bool:
    return event_type in REGISTRATION_EVENTS
