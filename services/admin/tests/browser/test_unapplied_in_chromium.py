"""Money not applied and reversed payments in real Chromium, checked by axe-core at PC and phone
sizes: the list 「入金済み・未充当（要返金）」, a refund by bank transfer recorded without a reason
(refused at the field) and then with one by a double click (recorded once), and an order whose
payment was taken back, found by the search's filter and flagged on its page."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from admin_fakes import NOW, FakeOrders
from console_pages import looker, signed_in
from flask import Flask
from playwright.sync_api import expect
from werkzeug.serving import make_server


@pytest.fixture
def base_url(app: Flask, orders: FakeOrders) -> Iterator[str]:
    orders.add("demo-univ", "order-late", "S1000009", "expired", NOW)
    orders.add_unapplied("demo-univ", "order-late", 1700)
    orders.add("demo-univ", "order-rev", "S1000003", "placed", NOW, reversed_at=NOW)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.mark.parametrize(("size", "viewport"), [("pc", {"width": 1280, "height": 900}),
                                                ("phone", {"width": 390, "height": 844})])
def test_money_not_applied_is_refunded_by_transfer_once_and_a_reversed_order_is_flagged(
        browser: Any, accessibility_violations: Any, base_url: str, orders: FakeOrders, size: str,
        viewport: dict[str, int]) -> None:
    page = signed_in(browser, base_url, "registrar@demo-univ.example", viewport)
    look, problems = looker(page, accessibility_violations, f"-{size}")
    page.get_by_role("link", name="未充当の入金").click()
    expect(page.get_by_role("heading", name="入金済み・未充当（要返金）")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="order-late")
    expect(row).to_contain_text("1,700円")
    expect(row).to_contain_text("S1000009")
    look("unapplied")
    page.get_by_role("button", name="銀行振込で返金済みにする").click()  # no reason given
    expect(page.get_by_role("textbox", name="返金の記録（振込日・振込先など。記録に残ります）")).to_have_attribute(
        "aria-invalid", "true")
    look("unapplied-error")
    page.get_by_label("返金の記録（振込日・振込先など。記録に残ります）").fill("4/10 卒業生の口座へ振込済み")
    page.get_by_role("button", name="銀行振込で返金済みにする").dblclick()
    expect(page.get_by_role("status").first).to_have_text("銀行振込での返金を記録しました。")
    expect(page.get_by_text("未充当の入金はありません。")).to_be_visible()
    look("unapplied-recorded")
    assert len(orders.transfer_refunds) == 1

    page.get_by_role("link", name="注文", exact=True).click()
    page.get_by_label("要確認").select_option("payment_reversed")
    page.get_by_role("button", name="検索").click()
    expect(page.get_by_role("status")).to_contain_text("1件")
    page.get_by_role("link", name="order-rev").click()
    expect(page.get_by_role("alert")).to_contain_text("速報取消")
    look("order-reversed")
    page.context.close()
    assert problems == {}
