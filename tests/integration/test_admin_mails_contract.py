"""The console's MailsApi: the same cases against its fake (services/admin/tests/mails_fakes.py)
and its HTTP adapter talking to the real notifier on real PostgreSQL, so the console's tests of
the order page's mails on the fake say something about the real service. (The resend reaching
the mailbox over SMTP is services/notifier/tests/integration/test_resend.py.)

A test of the suite, not of one service: it is the one place allowed to read both sides."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from mails_fakes import FakeMails

from shomei_admin.adapters.mails_http import HttpMails
from shomei_admin.service_layer.ports import MailsApi, StaffSession, UpstreamError
from shomei_devtools.browser import served
from shomei_devtools.paths import project_root
from shomei_devtools.trust import session_trust
from shomei_notifier.adapters.sql_log import open_sql_log
from shomei_notifier.domain.delivery import Delivery
from shomei_notifier.entrypoints.web import create_app
from shomei_notifier.settings import NotifierSettings
from shomei_shared.clock import FakeClock
from shomei_shared.db import make_engine, migrate
from shomei_shared.web.assertions import Actor
from shomei_shared.web.client import InternalClient

NOW = datetime(2026, 4, 1, 3, 0, tzinfo=UTC)
TENANT, ORDER = "demo-univ", "order-1"
AUDITOR = StaffSession("staff-1", TENANT, "auditor@demo-univ.example", ("auditor",))
REGISTRAR = StaffSession("staff-2", TENANT, "registrar@demo-univ.example", ("registrar",))
OTHER = StaffSession("staff-3", "sakura-univ", "registrar@sakura-univ.example", ("registrar",))


@dataclass
class Mails:
    api: MailsApi
    # (template, status, resendable) → the mail's id; as the notifier's consumer and dispatcher leave it
    add: Callable[[str, str, bool], int]
    acting: list[StaffSession]


@pytest.fixture
def real_mails(new_database: Callable[[str], str]) -> Iterator[Mails]:
    url = new_database("notifier")
    migrate(url, project_root() / "services" / "notifier" / "migrations")
    engine = make_engine(url, pool_size=2)
    app = create_app(NotifierSettings(environment="test", database_url=url, **session_trust().settings("notifier")),
                     FakeClock(NOW))
    acting = [AUDITOR]

    def add(template: str, status: str, resendable: bool) -> int:
        delivery = Delivery(f"event-{template}", template, "OrderPlaced", TENANT, "grad@example.jp", "ja", {},
                            None if resendable else "secret-ref", f"<{template}@shomei>", NOW, order_id=ORDER)
        if status == "sent":
            delivery.mark_sent(NOW)
        with open_sql_log(engine) as log:
            log.add(delivery)
        assert delivery.id is not None
        return delivery.id

    def assertion() -> str:
        member = acting[0]
        return session_trust().assertion(Actor(member.tenant_id, member.staff_id, "staff", member.roles))

    try:
        with served(app) as base:
            yield Mails(HttpMails(InternalClient(base, session_trust().credential("admin"), assertion=assertion)),
                        add, acting)
    finally:
        engine.dispose()


@pytest.fixture(params=["fake", "http"])
def mails(request: pytest.FixtureRequest) -> Mails:
    if request.param == "fake":
        fake = FakeMails(now=NOW)
        return Mails(fake, lambda template, status, resendable: fake.add(TENANT, ORDER, template, status,
                                                                          resendable).mail_id, [AUDITOR])
    found: Mails = request.getfixturevalue("real_mails")
    return found


def as_staff(mails: Mails, member: StaffSession) -> StaffSession:
    mails.acting[0] = member
    return member


def test_an_orders_mails_are_listed_for_any_staff_of_its_university(mails: Mails) -> None:
    received = mails.add("order_received", "sent", True)
    mails.add("payment_reminder", "pending", False)
    listed = mails.api.mails(as_staff(mails, AUDITOR), ORDER)
    assert [(m.mail_id, m.template_key, m.status, m.resendable, m.resend_of) for m in listed] == [
        (received, "order_received", "sent", True, None), (received + 1, "payment_reminder", "pending", False, None)]
    assert listed[0].recipient == "grad@example.jp" and listed[0].sent_at is not None
    assert mails.api.mails(as_staff(mails, OTHER), ORDER) == []
    assert mails.api.mails(as_staff(mails, AUDITOR), "another-order") == []


def test_a_registrars_resend_is_recorded_once_per_request_key(mails: Mails) -> None:
    received = mails.add("order_received", "sent", True)
    with pytest.raises(UpstreamError) as forbidden:
        mails.api.resend(as_staff(mails, AUDITOR), ORDER, received, "console-key-0001")
    assert forbidden.value.status == 403
    first = mails.api.resend(as_staff(mails, REGISTRAR), ORDER, received, "console-key-0001")
    again = mails.api.resend(REGISTRAR, ORDER, received, "console-key-0001")
    assert first == again
    assert (first.template_key, first.status, first.resend_of, first.requested_by, first.resendable) == (
        "order_received", "pending", received, "staff-2", False)
    with pytest.raises(UpstreamError) as waiting:  # the resend is still to be sent
        mails.api.resend(REGISTRAR, ORDER, first.mail_id, "console-key-0002")
    assert waiting.value.status == 409
    other = mails.api.resend(REGISTRAR, ORDER, received, "console-key-0002")  # another page, another key
    assert other.resend_of == received and other.mail_id != first.mail_id
    assert len(mails.api.mails(REGISTRAR, ORDER)) == 3


def test_a_mail_not_of_the_order_or_not_resendable_is_refused(mails: Mails) -> None:
    pending = mails.add("payment_reminder", "pending", False)
    received = mails.add("order_received", "sent", True)
    as_staff(mails, REGISTRAR)
    with pytest.raises(UpstreamError) as refused:
        mails.api.resend(REGISTRAR, ORDER, pending, "console-key-0003")
    assert refused.value.status == 409 and set(refused.value.errors) == {"mail_id"}
    with pytest.raises(UpstreamError) as missing:
        mails.api.resend(REGISTRAR, "another-order", received, "console-key-0004")
    assert missing.value.status == 404
    with pytest.raises(UpstreamError) as elsewhere:
        mails.api.resend(as_staff(mails, OTHER), ORDER, received, "console-key-0005")
    assert elsewhere.value.status == 404
