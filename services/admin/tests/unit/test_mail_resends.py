"""An order's mails on its page, and resending one, on a fake of the notifier's staff API."""

from __future__ import annotations

import re

import pytest
from admin_fakes import NOW, FakeOrders
from flask.testing import FlaskClient
from mails_fakes import FakeMails
from unit.test_console import sign_in

ORDER = "/demo-univ/orders/order-paid"


@pytest.fixture
def mailed(orders: FakeOrders, mails: FakeMails) -> FakeMails:
    orders.add("demo-univ", "order-paid", "S1000001", "paid", NOW)
    mails.add("demo-univ", "order-paid", "order_received")
    mails.add("demo-univ", "order-paid", "payment_reminder", status="given_up", resendable=False)
    mails.add("demo-univ", "order-paid", "payment_completed")
    return mails


def resend_form(page: str, mail_id: int) -> tuple[str, dict[str, str]]:
    action = f"{ORDER}/mails/{mail_id}/resend"
    form = page[page.index(f'action="{action}"'):]
    return action, {name: re.search(rf'name="{name}"[^>]*value="([^"]*)"', form).group(1)  # type: ignore[union-attr]
                    for name in ("csrf_token", "request_key")}


def test_a_registrar_sees_the_mails_and_a_double_clicked_resend_sends_once(
        client: FlaskClient, mailed: FakeMails) -> None:
    sign_in(client, "registrar@demo-univ.example")
    page = client.get(ORDER).get_data(as_text=True)
    assert "申請受付" in page and "支払期限の案内" in page and "送信中止" in page
    assert page.count("再送する</button>") == 2  # the withdrawn reminder is not offered
    action, form = resend_form(page, 3)
    first = client.post(action, data=form)
    second = client.post(action, data=form)  # the double click: the same form, the same key
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"] == f"{ORDER}?resent=4#mails"
    assert len(mailed.mails_of[("demo-univ", "order-paid")]) == 4
    shown = client.get(f"{ORDER}?resent=4").get_data(as_text=True)
    assert "メールの再送を受け付けました" in shown and "支払完了（再送）" in shown and "staff-registrar" in shown


def test_only_registrars_resend_and_a_mail_that_cannot_be_resent_is_said(
        client: FlaskClient, mailed: FakeMails) -> None:
    sign_in(client, "reviewer@demo-univ.example")
    page = client.get(ORDER).get_data(as_text=True)
    assert "申請受付" in page and "再送する</button>" not in page  # any staff sees the mails
    assert client.post(f"{ORDER}/mails/1/resend", data={"request_key": "k" * 32}).status_code in (400, 403)
    sign_in(client, "registrar@demo-univ.example")
    _, form = resend_form(client.get(ORDER).get_data(as_text=True), 1)
    refused = client.post(f"{ORDER}/mails/2/resend", data=form)  # the withdrawn reminder, by hand
    assert refused.status_code == 409 and "再送できません" in refused.get_data(as_text=True)
    assert client.post(f"{ORDER}/mails/99/resend", data=form).status_code == 404
    assert len(mailed.mails_of[("demo-univ", "order-paid")]) == 3
