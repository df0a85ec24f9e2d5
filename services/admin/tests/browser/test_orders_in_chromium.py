"""The order screens in real Chromium, checked by axe-core: search → the order → a refund."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from admin_fakes import NOW, FakeOrders, FakePayments
from console_pages import looker, signed_in
from flask import Flask
from playwright.sync_api import expect
from werkzeug.serving import make_server


@pytest.fixture
def base_url(app: Flask, orders: FakeOrders, payments: FakePayments) -> Iterator[str]:
    orders.add("demo-univ", "order-paid", "S1000001", "paid", NOW)
    orders.add("demo-univ", "order-open", "S1000002", "placed", NOW + timedelta(days=1))
    payments.add("demo-univ", "order-paid")
    payments.deadlines["pay-order-paid"] = NOW + timedelta(days=6)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_search_an_order_and_refund_part_of_it(browser: Any, accessibility_violations: Any, base_url: str,
                                               payments: FakePayments) -> None:
    page = signed_in(browser, base_url, "registrar@demo-univ.example")
    look, problems = looker(page, accessibility_violations)
    page.get_by_role("link", name="注文", exact=True).click()
    page.get_by_label("注文日（から）").fill("2026-04-30")
    page.get_by_label("注文日（まで）").fill("2026-04-01")
    page.get_by_role("button", name="検索").click()
    expect(page.locator("#last_day-error")).to_contain_text("以降の日付")
    look("orders-error")
    page.get_by_role("link", name="条件をクリア").click()
    page.get_by_label("学籍番号").fill("S1000001")
    page.get_by_role("button", name="検索").click()
    expect(page.get_by_role("status")).to_contain_text("1件")
    look("orders")
    page.get_by_role("link", name="order-paid").click()
    expect(page.get_by_role("heading", name="注文 order-paid")).to_be_visible()
    look("order")
    page.get_by_label("返金額（円）").fill("2000")
    page.get_by_role("button", name="返金する").click()
    expect(page.locator("#reason-error")).to_have_text("入力してください。")
    page.get_by_label("返金の理由（記録に残ります）").fill("1部だけ取り消したいとの連絡")
    page.get_by_role("button", name="返金する").click()
    expect(page.locator("#amount-error")).to_contain_text("1〜1500円")
    look("order-refund-error")
    page.get_by_label("返金額（円）").fill("500")
    page.get_by_role("button", name="返金する").click()
    expect(page.get_by_role("status")).to_have_text("500円を返金しました。")
    look("order-refunded")
    assert len(payments.refunds) == 1
    assert problems == {}
