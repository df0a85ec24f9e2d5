"""An order's mails and a resend in real Chromium, checked by axe-core at PC and phone sizes:
a registrar double-clicks 再送する and one resend is recorded, shown with who asked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from admin_fakes import NOW, FakeOrders
from console_pages import looker, signed_in
from flask import Flask
from mails_fakes import FakeMails
from playwright.sync_api import expect

from shomei_devtools.browser import served


@pytest.fixture
def base_url(app: Flask, orders: FakeOrders, mails: FakeMails) -> Iterator[str]:
    orders.add("demo-univ", "order-paid", "S1000001", "paid", NOW)
    mails.add("demo-univ", "order-paid", "order_received")
    mails.add("demo-univ", "order-paid", "payment_reminder", status="given_up", resendable=False)
    mails.add("demo-univ", "order-paid", "payment_completed")
    with served(app) as base:
        yield base


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
                         ids=["pc", "phone"])
def test_a_double_clicked_resend_is_one_and_shows_who_asked(browser: Any, accessibility_violations: Any,
                                                            base_url: str, mails: FakeMails,
                                                            viewport: dict[str, int]) -> None:
    page = signed_in(browser, base_url, "registrar@demo-univ.example", viewport)
    look, problems = looker(page, accessibility_violations, "-pc" if viewport["width"] > 800 else "-phone")
    page.goto(base_url + "/demo-univ/orders/order-paid")
    expect(page.get_by_role("heading", name="送信したメール")).to_be_visible()
    expect(page.get_by_role("button", name="再送する")).to_have_count(2)  # not the withdrawn reminder
    look("order-mails")
    page.get_by_role("button", name="支払完了のメールを再送する").dblclick()
    expect(page.get_by_role("status")).to_have_text("メールの再送を受け付けました。まもなく送信されます。")
    expect(page.get_by_role("row", name="支払完了（再送）")).to_contain_text("staff-registrar@demo-univ.example")
    look("order-mail-resent")
    resends = [m for m in mails.mails_of[("demo-univ", "order-paid")] if m.resend_of]
    assert len(resends) == 1
    assert problems == {}
