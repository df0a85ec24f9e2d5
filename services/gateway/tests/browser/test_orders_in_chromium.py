"""証明書を発行 and 申請履歴 in real Chromium, at PC and smartphone sizes, every page checked by
axe-core: the mistakes on the certificates screen, the back button, a double-clicked 申請, and the
cancel step. Identity, enrollment and ordering are the in-memory fakes here."""

from __future__ import annotations

from typing import Any

import pytest
from gateway_browser import VIEWPORTS, Walk, labelled
from gateway_fakes import FakeEnrollment, FakeIdentity
from ordering_fakes import FakeOrdering
from playwright.sync_api import expect

from shomei_gateway.service_layer.ports import Profile, StudentNumber


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_order_from_the_menu_to_the_unpaid_orders_page_and_its_cancellation(
    viewport: str, browser: Any, accessibility_violations: Any, base_url: str, identity: FakeIdentity,
    enrollment: FakeEnrollment, ordering: FakeOrdering,
) -> None:
    identity.activate("graduate@example.jp", "P")
    account = identity.accounts["graduate@example.jp"]
    account.initial, account.second_password = False, "S"
    numbers = (StudentNumber("L08001", "graduated", "undergraduate"), StudentNumber("G14007", "graduated", "graduate"))
    enrollment.profiles[account.account_id] = Profile({}, [n.student_number for n in numbers], numbers)
    context = browser.new_context(locale="ja-JP", viewport=VIEWPORTS[viewport])
    page = context.new_page()
    walk = Walk(page, accessibility_violations, viewport)
    site = base_url + "/demo-univ"
    page.goto(site + "/login")
    labelled(page, "メールアドレス").fill("graduate@example.jp")
    labelled(page, "パスワード").fill("P")
    labelled(page, "第2パスワード").fill("S")
    page.get_by_role("button", name="ログイン").click()

    page.get_by_role("link", name="証明書を発行").click()
    page.get_by_role("button", name="次へ").click()  # nothing chosen
    walk.look("order-number-error")
    expect(page.locator("#e-choice")).to_have_text("学籍番号を選んでください。")
    page.get_by_label("L08001").check()
    page.get_by_role("button", name="次へ").click()
    walk.look("order-store")
    page.get_by_label("セブン-イレブン（ネットプリント）").check()
    page.get_by_role("button", name="次へ").click()
    walk.look("order-certificates")
    page.get_by_label("卒業証明書", exact=True).fill("20")
    page.get_by_label("成績証明書", exact=True).fill("1")
    page.get_by_role("button", name="次へ").click()
    walk.look("order-certificates-errors")
    expect(page.locator("#e-lines")).to_contain_text("合計20部まで")
    page.get_by_label("卒業証明書", exact=True).fill("2")
    page.get_by_role("button", name="次へ").click()
    walk.look("order-payment")
    page.get_by_role("link", name="戻る").click()  # the counts are still there, and may be changed
    expect(page.get_by_label("卒業証明書", exact=True)).to_have_value("2")
    page.get_by_role("button", name="次へ").click()
    page.get_by_label("クレジットカード（PayPal）").check()
    page.get_by_role("button", name="次へ").click()
    expect(page.get_by_text("クレジットカード（PayPal）")).to_be_visible()
    page.go_back()  # the browser's back button: choose again
    page.get_by_label("コンビニ払い（スマートピット：ファミリーマート・ローソン・ミニストップ）").check()
    page.get_by_role("button", name="次へ").click()
    walk.look("order-confirm")
    expect(page.get_by_text("コンビニ払い（スマートピット：ファミリーマート・ローソン・ミニストップ）")).to_be_visible()
    expect(page.get_by_text("お支払い期限・印刷期限：")).to_be_visible()
    expect(page.locator("dd.total")).to_have_text("1,700円")

    apply = page.get_by_role("button", name="申請", exact=True)
    apply.dblclick()
    expect(page.get_by_role("heading", name="お申し込み内容")).to_be_visible()
    walk.look("order-placed")
    assert len(ordering.placed) == 1
    expect(page.locator("dd.status")).to_have_text("お支払い待ち")
    expect(page.get_by_text("お支払い期限・印刷期限：2026年4月7日（火）23:59")).to_be_visible()

    page.get_by_role("link", name="申請履歴へ").click()
    walk.look("order-history")
    expect(page.get_by_role("cell", name="お支払い待ち")).to_be_visible()
    page.get_by_role("link", name="2026年4月1日 10:00").click()
    page.get_by_role("link", name="お申し込みを取り消す").click()
    walk.look("order-cancel")
    page.get_by_role("button", name="取り消す").click()
    expect(page.locator("dd.status")).to_have_text("取消済み")
    page.goto(site + "/orders/?lang=en")
    walk.look("order-history-en")
    expect(page.get_by_role("cell", name="Cancelled")).to_be_visible()
    context.close()
    assert walk.problems == {}
