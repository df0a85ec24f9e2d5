"""The dispatcher loop, and what a crash between sending and marking costs (ADR 0011)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, text

from shomei_notifier import bootstrap
from shomei_notifier.adapters.smtp_sender import SmtpSender
from shomei_notifier.domain.mail import Mail
from shomei_notifier.entrypoints.dispatcher import run
from shomei_notifier.service_layer.dispatching import Dispatcher
from shomei_notifier.settings import NotifierSettings
from shomei_shared.messaging.envelope import Envelope

from .conftest import TENANTS


class CrashAfterSending:
    """Sends for real, then dies (once) before the dispatcher can mark the mail sent."""

    def __init__(self, real: SmtpSender) -> None:
        self._real = real
        self.crashed = False
        self.message_ids: list[str] = []

    def send(self, mail: Mail) -> None:
        self._real.send(mail)
        self.message_ids.append(mail.message_id)
        if not self.crashed:
            self.crashed = True
            raise SystemExit("killed between send and mark")


def test_a_crash_between_send_and_mark_resends_once_with_the_same_message_id(
    make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], engine: Engine,
    settings: NotifierSettings, secrets, clock, mailbox_server,  # type: ignore[no-untyped-def]
) -> None:
    sender = CrashAfterSending(SmtpSender(bootstrap.smtp_config(settings)))
    dispatcher = bootstrap.dispatcher(settings, engine, sender=sender, secrets=secrets, tenants=TENANTS,
                                      clock=clock)
    envelope = make_envelope("ApplicationSubmitted")
    handle(envelope)
    with pytest.raises(SystemExit):
        dispatcher.dispatch_due()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT status, attempts FROM deliveries")).one() == ("pending", 0)
    dispatcher.dispatch_due()
    assert dispatcher.dispatch_due() == []
    assert len(mailbox_server.mailbox.list()) == 2  # the one duplicate the trade-off allows …
    assert sender.message_ids == [f"<{envelope.message_id}.application_received@notifier.shomei>"] * 2  # … recognisable


def test_the_loop_sends_what_arrives_until_stopped(
    make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], dispatcher: Dispatcher,
    mailbox_server,  # type: ignore[no-untyped-def]
) -> None:
    stop = threading.Event()
    loop = threading.Thread(target=run, args=(dispatcher, stop, 0.05))
    loop.start()
    try:
        handle(make_envelope("ApplicationSubmitted"))
        deadline = time.monotonic() + 10
        while not mailbox_server.mailbox.list() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        loop.join(timeout=5)
    assert not loop.is_alive()
    assert len(mailbox_server.mailbox.list()) == 1
