"""Print operations in real Chromium, checked by axe-core at PC and phone sizes (issue 10): the
navigation's alert count, the list of failed submissions with their reason in words, an order's
printing page reached from the order page, a retry by a double click (queued once), and an issued
order whose payment was taken back after a copy was printed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from admin_fakes import NOW, FakeOrders
from console_pages import looker, signed_in
from flask import Flask
from playwright.sync_api import expect
from print_order_fakes import FakePrintOrders

from shomei_admin.entrypoints.presentation import PRINT_REASON
from shomei_devtools.browser import served


@pytest.fixture
def base_url(app: Flask, orders: FakeOrders, print_orders: FakePrintOrders) -> Iterator[str]:
    orders.add("demo-univ", "order-failed", "S1000001", "paid", NOW)
    print_orders.failed("demo-univ", "order-failed", "record_incomplete")
    print_orders.issued("demo-univ", "order-paid-back", printed=1, alert="paid_back_after_print")
    print_orders.waiting("demo-univ", "order-waiting")
    with served(app) as base:
        yield base


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
                         ids=["pc", "phone"])
def test_a_failed_submission_is_found_from_the_alert_and_retried_once(
        browser: Any, accessibility_violations: Any, base_url: str, print_orders: FakePrintOrders,
        viewport: dict[str, int]) -> None:
    page = signed_in(browser, base_url, "registrar@demo-univ.example", viewport)
    look, problems = looker(page, accessibility_violations, "-pc" if viewport["width"] > 800 else "-phone")
    alert = page.get_by_role("link", name="印刷の状況 要対応 2件")
    expect(alert).to_be_visible()
    alert.click()
    expect(page.get_by_role("status")).to_have_text("3件")
    look("print-orders")
    page.get_by_role("navigation", name="印刷の状況の絞り込み").get_by_role("link", name="失敗・要確認").click()
    expect(page.get_by_role("status")).to_have_text("2件")
    expect(page.get_by_text(PRINT_REASON["record_incomplete"][0])).to_be_visible()
    expect(page.get_by_text(PRINT_REASON["paid_back_after_print"][0])).to_be_visible()
    look("print-orders-failed")
    page.get_by_role("link", name="order-paid-back").click()
    expect(page.get_by_role("alert")).to_contain_text("要確認")
    expect(page.get_by_role("cell", name="印刷済み", exact=True)).to_be_visible()
    look("print-order-paid-back")
    page.goto(base_url + "/demo-univ/orders/order-failed")
    page.get_by_role("link", name="印刷の状況", exact=True).last.click()
    expect(page.get_by_role("heading", name="印刷 order-failed")).to_be_visible()
    look("print-order-failed")
    page.get_by_role("button", name="再試行する").dblclick()
    expect(page.get_by_role("status")).to_contain_text("受け付け")
    expect(page.get_by_role("button", name="再試行する")).to_have_count(0)
    look("print-order-retried")
    detail = print_orders.orders["order-failed"][1]
    assert [event.what for event in detail.history] == ["PrintReservationFailed", "PrintRetryRequested"]
    expect(page.get_by_role("link", name="印刷の状況 要対応 1件")).to_be_visible()
    assert problems == {}
