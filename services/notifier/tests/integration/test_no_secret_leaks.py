"""Secrets reach the recipient's mailbox and nowhere else: not the delivery log, not the logs,
not the delivery listing."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine, text

from shomei_notifier.service_layer.dispatching import Dispatcher
from shomei_shared.logs import configure_logging
from shomei_shared.messaging.envelope import Envelope


@pytest.fixture
def captured_logs() -> Iterator[io.StringIO]:
    """Everything logged, at DEBUG and through the production JSON configuration."""
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    stream = io.StringIO()
    configure_logging("notifier-test", "DEBUG", stream)
    yield stream
    root.handlers[:] = saved_handlers
    root.setLevel(saved_level)


def test_secrets_are_only_in_the_mails(
    make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], dispatcher: Dispatcher,
    engine: Engine, mailbox_server, clock, secret_values: dict[str, tuple[str, str]],  # type: ignore[no-untyped-def]
    mail_event_types: list[str], captured_logs: io.StringIO,
) -> None:
    handle(make_envelope("AccountActivated"))
    for event_type in mail_event_types:
        handle(make_envelope(event_type))
    mailbox_server.stop()
    dispatcher.dispatch_due()  # failed attempts log too
    mailbox_server.start()
    clock.advance(timedelta(minutes=1))
    dispatcher.dispatch_due()

    secrets = [value for _, value in secret_values.values()]
    mail_bodies = "\n".join(m.text_body for m in mailbox_server.mailbox.list())
    assert all(secret in mail_bodies for secret in secrets)  # the secrets did travel, to the mails

    with engine.connect() as connection:
        stored = "\n".join(
            row for table in ("deliveries", "account_contacts")
            for row in connection.execute(text(f"SELECT row_to_json(t)::text FROM {table} t")).scalars()
        )
    logged = captured_logs.getvalue()
    assert "registration_confirmation" in logged and "delivery" in logged  # the logs were captured
    assert "ref-initial-password" in stored  # the delivery log holds references only
    for secret in secrets:
        assert secret not in stored
        assert secret not in logged
        # The shared log filter would mask "token=…" but not the rest of a one-time URL: check both.
        assert secret.split("?")[0] not in logged or not secret.startswith("http")
    assert "TOKEN" not in logged and "Init1al" not in logged
