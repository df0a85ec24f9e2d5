"""The 'returned' mail's re-application link is redeemed at enrollment, which sealed it; a v1
event (whose link was the registration id) still reads, and mails no link (ADR 0023)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine

from shomei_notifier import bootstrap
from shomei_notifier.adapters.secrets_fake import FakeSecretsClient
from shomei_notifier.adapters.smtp_sender import SmtpSender
from shomei_notifier.settings import NotifierSettings
from shomei_shared.clock import FakeClock
from shomei_shared.messaging.envelope import Envelope

from .conftest import TENANTS

LINK = "http://127.0.0.1:58080/demo-univ/register/resubmit?token=resub-TOKEN-5"


def test_the_link_comes_from_enrollment_and_a_v1_event_mails_none(
        make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], engine: Engine,
        settings: NotifierSettings, clock: FakeClock, mailbox_server) -> None:  # type: ignore[no-untyped-def]
    identity, enrollment = FakeSecretsClient(), FakeSecretsClient()
    enrollment.put("ref-resubmission", "resubmission_url", LINK)
    dispatcher = bootstrap.dispatcher(settings, engine, sender=SmtpSender(bootstrap.smtp_config(settings)),
                                      secrets=identity, enrollment_secrets=enrollment, tenants=TENANTS, clock=clock)
    handle(make_envelope("ResubmissionRequested"))
    v1 = make_envelope("ResubmissionRequested", aggregate_id="app-old")
    handle(Envelope(type=v1.type, version=1, tenant_id=v1.tenant_id, aggregate_id=v1.aggregate_id,
                    aggregate_version=1, message_id=v1.message_id + "-v1", occurred_at=v1.occurred_at,
                    payload={"email": "old@example.jp", "locale": "ja", "kind": "registration",
                             "reason": "古い申請", "registration_id": "reg-old"}))
    assert [d.status for d in dispatcher.dispatch_due()] == ["sent", "sent"]
    [with_link] = mailbox_server.mailbox.list(to="new@example.jp")
    [without] = mailbox_server.mailbox.list(to="old@example.jp")
    assert LINK in with_link.text_body and "一度だけ" in with_link.text_body
    assert "resubmit" not in without.text_body and "reg-old" not in without.text_body
    assert "お問い合わせください" in without.text_body
