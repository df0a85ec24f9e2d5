"""An approval that could not take effect (docs/adr/0018) is shown to staff on the application,
in real Chromium at PC and phone sizes, checked by axe-core."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from admin_fakes import FakeReviews
from flask import Flask
from playwright.sync_api import expect

from shomei_devtools.browser import served


@pytest.fixture
def console(app: Flask) -> Iterator[str]:
    with served(app) as url:
        yield url + "/demo-univ"


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_an_approval_refused_by_identity_is_shown_on_the_application(
    viewport: dict[str, int], browser: Any, accessibility_violations: Any, console: str, reviews: FakeReviews,
) -> None:
    tenant, detail = reviews.applications["app-soon"]
    # What enrollment answers once identity refused the account (the address has one already).
    reviews.applications["app-soon"] = (tenant, dataclasses.replace(detail, status="approval_failed"))
    context = browser.new_context(locale="ja-JP", viewport=viewport)
    page = context.new_page()
    page.goto(console + "/login")
    page.get_by_label("メールアドレス").fill("reviewer@demo-univ.example")
    page.get_by_label("パスワード").fill("Staff-Pass-1")
    page.get_by_label("確認コード（認証アプリの6桁）").fill("123456")
    page.get_by_role("button", name="ログイン").click()
    page.goto(console + "/applications/app-soon")
    failed = page.get_by_role("alert")
    expect(failed).to_contain_text("この申請は承認しましたが、アカウントを作成できませんでした。")
    expect(failed).to_contain_text("このメールアドレスのアカウントが既にある")
    expect(failed).to_contain_text("パスワードを忘れた場合")
    expect(page.get_by_role("button", name="判定する")).to_have_count(0)
    assert accessibility_violations(page) == []
    context.close()
