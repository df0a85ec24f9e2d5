"""At most MAX_REGISTRATION_MAILS registration mails per address and hour, whichever of the two
answers (a link, or "you have an account") each registration got."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import Engine, text

from shomei_notifier.domain.mail_limits import MAX_REGISTRATION_MAILS, SUPPRESSED, WINDOW
from shomei_notifier.service_layer.dispatching import Dispatcher
from shomei_shared.clock import FakeClock
from shomei_shared.messaging.envelope import Envelope

VICTIM = "victim@example.jp"


def _statuses(engine: Engine, recipient: str) -> list[tuple[str, str | None]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(  # type: ignore[misc]
            "SELECT status, last_error FROM deliveries WHERE recipient = :r ORDER BY id"), {"r": recipient})]


def test_registration_mails_to_one_address_stop_at_the_limit_for_an_hour(
        make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], dispatcher: Dispatcher,
        engine: Engine, clock: FakeClock, mailbox_server) -> None:  # type: ignore[no-untyped-def]
    for number in range(MAX_REGISTRATION_MAILS + 2):
        # Both answers count: an address with an account is flooded just the same.
        started = make_envelope("RegistrationStarted", aggregate_id=f"reg-{number}", email=VICTIM)
        handle(started if number % 2 else replace(
            started, type="RegistrationRefused",
            payload={"email": VICTIM, "locale": "ja", "reason": "email_has_account"}))
    handle(make_envelope("RegistrationStarted", aggregate_id="reg-other", email="other@example.jp"))
    dispatcher.dispatch_due()

    assert len(mailbox_server.mailbox.list(to=VICTIM)) == MAX_REGISTRATION_MAILS
    assert len(mailbox_server.mailbox.list(to="other@example.jp")) == 1
    assert _statuses(engine, VICTIM)[MAX_REGISTRATION_MAILS:] == [("given_up", SUPPRESSED)] * 2

    # Suppressed attempts do not extend the window: an hour after the mails, the owner's own
    # registration gets its link.
    clock.advance(WINDOW + timedelta(seconds=1))
    handle(make_envelope("RegistrationStarted", aggregate_id="reg-later", email=VICTIM))
    dispatcher.dispatch_due()
    assert len(mailbox_server.mailbox.list(to=VICTIM)) == MAX_REGISTRATION_MAILS + 1
