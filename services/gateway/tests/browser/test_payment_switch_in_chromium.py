"""A declined PayPal payment switched to Smart Pit in real Chromium, at PC and smartphone sizes,
every page checked by axe-core: the declined page offers コンビニ払い（スマートピット）に変更, a
double click changes the method once, the order page then shows the Smart Pit number and offers
the way back to PayPal. Ordering and payment are the in-memory fakes here."""

from __future__ import annotations

import re
from typing import Any

import pytest
from gateway_browser import VIEWPORTS, Walk, labelled
from gateway_fakes import FakeEnrollment, FakeIdentity
from order_steps import UNDERGRADUATE
from ordering_fakes import FakeOrdering
from payment_fakes import FakePayment
from playwright.sync_api import expect

from shomei_gateway.service_layer.ordering import OrderRequest
from shomei_gateway.service_layer.ports import Profile


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_declined_card_switches_to_smart_pit_once_and_back(
    viewport: str, browser: Any, accessibility_violations: Any, base_url: str, identity: FakeIdentity,
    enrollment: FakeEnrollment, ordering: FakeOrdering, payment: FakePayment,
) -> None:
    identity.activate("graduate@example.jp", "P")
    account = identity.accounts["graduate@example.jp"]
    account.initial, account.second_password = False, "S"
    enrollment.profiles[account.account_id] = Profile({}, [UNDERGRADUATE.student_number], (UNDERGRADUATE,))
    order_id = ordering.place("demo-univ", account.account_id, OrderRequest(
        "confirmation-page-0001", UNDERGRADUATE.student_number, "卒業", "学部", "netprint", "paypal",
        (("graduation", 2),)))
    # お支払いへ sent the browser to PayPal, where the card was refused.
    payment.start_paypal("demo-univ", account.account_id, order_id, "http://x.test/r", "http://x.test/c")
    token = payment.approve(order_id, "declined")
    context = browser.new_context(locale="ja-JP", viewport=VIEWPORTS[viewport])
    page = context.new_page()
    walk = Walk(page, accessibility_violations, viewport)
    site = base_url + "/demo-univ"
    page.goto(site + "/login")
    labelled(page, "メールアドレス").fill("graduate@example.jp")
    labelled(page, "パスワード").fill("P")
    labelled(page, "第2パスワード").fill("S")
    page.get_by_role("button", name="ログイン").click()

    page.goto(f"{site}/orders/{order_id}/paypal/return?token={token}")
    expect(page.get_by_role("alert")).to_contain_text("PayPalでのお支払いができませんでした")
    walk.look("order-declined")
    page.get_by_role("button", name="コンビニ払い（スマートピット）に変更").dblclick()
    expect(page.locator("dd.smartpit-number")).to_have_text(re.compile(r"^\d{13}$"))
    walk.look("order-switched-to-smartpit")
    history = [entry.event for entry in ordering.placed[order_id][2].history]
    assert history.count("OrderPaymentMethodChanged") == 1
    page.get_by_role("button", name="PayPalでのお支払いに変更").click()
    expect(page.get_by_role("button", name="お支払いへ（PayPal）")).to_be_visible()
    walk.look("order-back-to-paypal")
    context.close()
    assert walk.problems == {}
