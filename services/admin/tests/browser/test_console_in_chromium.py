"""The console's screens in real Chromium, checked by axe-core."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import expect
from werkzeug.serving import make_server

from shomei_devtools.paths import local_dir

SCREENS = local_dir() / "test" / "screens" / "admin"


@pytest.fixture
def base_url(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_review_screens_are_accessible(browser: Any, accessibility_violations: Any, base_url: str) -> None:
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: dict[str, Any] = {}
    SCREENS.mkdir(parents=True, exist_ok=True)

    def look(name: str) -> None:
        page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)
        if found := accessibility_violations(page):
            problems[name] = found

    page.goto(base_url + "/demo-univ/login")
    look("login")
    page.get_by_label("メールアドレス").fill("reviewer@demo-univ.example")
    page.get_by_label("パスワード").fill("Staff-Pass-1")
    page.get_by_label("確認コード（認証アプリの6桁）").fill("123456")
    page.get_by_role("button", name="ログイン").click()
    look("queue")
    page.get_by_role("link", name="山田 太郎").click()
    look("detail")
    page.get_by_label("再申請を依頼").check()
    page.get_by_role("button", name="判定する").click()
    look("detail-error")
    page.get_by_label("理由（却下・再申請の場合は必須。申請者へのメールに記載されます）").fill("裏面の画像が読めません。")
    page.get_by_role("button", name="判定する").click()
    expect(page.get_by_role("status")).to_have_text("再申請を依頼しました。")
    look("queue-after")
    page.get_by_role("button", name="ログアウト").click()
    page.get_by_label("メールアドレス").fill("admin@demo-univ.example")
    page.get_by_label("パスワード").fill("Staff-Pass-1")
    page.get_by_label("確認コード（認証アプリの6桁）").fill("123456")
    page.get_by_role("button", name="ログイン").click()
    page.get_by_role("link", name="大学の設定").click()
    look("tenant-profile")
    page.get_by_label("基調色（#rrggbb。ヘッダーとボタン、白地のリンク）").fill("blue")
    page.get_by_role("button", name="保存する").click()
    look("tenant-profile-error")
    expect(page.locator("#accent-error")).to_contain_text("#rrggbb")
    page.goto(base_url + "/other-univ/")  # signed in at 証明大学 only
    expect(page.get_by_role("heading", name="職員ログイン")).to_be_visible()
    context.close()
    assert problems == {}
