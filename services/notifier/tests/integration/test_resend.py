"""Staff resend an order's mail (issue 9, staff console) over real PostgreSQL and SMTP: the order's
mails are listed without their content, a registrar's resend goes out once however often the
same form is sent, with a Message-ID of its own, recorded with who asked and when; a mail still
to be sent, or a withdrawn reminder, is not resent; other roles and universities cannot."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from shomei_devtools.trust import session_trust
from shomei_notifier.entrypoints.web import create_app
from shomei_notifier.service_layer.dispatching import Dispatcher
from shomei_notifier.settings import NotifierSettings
from shomei_shared.clock import FakeClock
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.web.assertions import Actor

ORDER_ID = "ord-5d0c9a4e-0001"  # the sample events' order (tests/conftest.py)
MAILS = f"/internal/staff/orders/{ORDER_ID}/mails"


def staff(role: str, tenant: str = "demo-univ") -> dict[str, str]:
    return session_trust().headers("admin", Actor(tenant, f"staff-{role}", "staff", (role,)))


@pytest.fixture
def client(settings: NotifierSettings, clock: FakeClock) -> FlaskClient:
    return create_app(settings, clock).test_client()


@pytest.fixture
def order_mailed(make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None],
                 dispatcher: Dispatcher, mailbox_server: Any) -> None:
    handle(make_envelope("AccountActivated"))
    dispatcher.dispatch_due()
    handle(make_envelope("OrderPlaced"))
    handle(make_envelope("PaymentOpened"))
    handle(make_envelope("SmartPitBillRegistered"))  # names only its payment: its order is found
    dispatcher.dispatch_due()
    mailbox_server.mailbox.clear()


def listed(client: FlaskClient, role: str = "auditor") -> list[dict[str, Any]]:
    answer = client.get(MAILS, headers=staff(role))
    assert answer.status_code == 200
    return list(answer.json["mails"])


@pytest.mark.usefixtures("order_mailed")
def test_a_registrars_resend_goes_out_once_and_is_recorded_with_who_and_when(
        client: FlaskClient, dispatcher: Dispatcher, mailbox_server: Any) -> None:
    mails = listed(client)
    assert [(m["template_key"], m["status"], m["resendable"]) for m in mails] == [
        ("order_received", "sent", True), ("payment_reminder", "pending", False), ("smartpit_number", "sent", True)]
    assert all("variables" not in m and "1234567890123" not in str(m) for m in mails)  # no content
    number = next(m for m in mails if m["template_key"] == "smartpit_number")
    resend = f"{MAILS}/{number['id']}/resends"
    first = client.post(resend, json={"request_key": "console-key-0001"}, headers=staff("registrar"))
    again = client.post(resend, json={"request_key": "console-key-0001"}, headers=staff("registrar"))  # double click
    assert (first.status_code, again.status_code) == (201, 200) and first.json == again.json
    assert first.json["mail"]["resend_of"] == number["id"]
    assert first.json["mail"]["requested_by"] == "staff-registrar" and first.json["mail"]["created_at"]

    dispatcher.dispatch_due()
    [mail] = mailbox_server.mailbox.list()
    assert mail.envelope_to == ("grad@example.jp",) and "スマートピット番号：1234567890123" in mail.text_body
    after = listed(client)
    assert [(m["template_key"], m["status"], m["resend_of"]) for m in after][-1] == (
        "smartpit_number", "sent", number["id"])
    assert len(after) == 4


@pytest.mark.usefixtures("order_mailed")
def test_only_a_registrar_of_the_university_resends_and_only_a_finished_mail(client: FlaskClient) -> None:
    mails = {m["template_key"]: m["id"] for m in listed(client)}
    body = {"request_key": "console-key-0002"}
    received = f"{MAILS}/{mails['order_received']}/resends"
    assert client.post(received, json=body, headers=staff("reviewer")).status_code == 403
    assert client.post(received, json=body, headers=staff("auditor")).status_code == 403
    assert client.post(received, json=body, headers=staff("registrar", "other-univ")).status_code == 404
    assert client.get(MAILS, headers=staff("auditor", "other-univ")).json == {"mails": []}
    assert client.post(f"/internal/staff/orders/another-order/mails/{mails['order_received']}/resends", json=body,
                       headers=staff("registrar")).status_code == 404
    pending = client.post(f"{MAILS}/{mails['payment_reminder']}/resends", json=body, headers=staff("registrar"))
    assert pending.status_code == 409 and pending.json["errors"][0]["field"] == "mail_id"
    assert client.post(received, json={"request_key": "short"}, headers=staff("registrar")).status_code == 400
    assert client.post(received, json=body, headers=staff("tenant_admin")).status_code == 201
    assert len(listed(client)) == 4
