"""Every applicant screen in real Chromium, at PC and smartphone sizes, checked by axe-core.
Identity and enrollment are the in-memory fakes here; tests/e2e runs the same screens against
the real services."""

from __future__ import annotations

from typing import Any

import pytest
from gateway_browser import VIEWPORTS, Walk, fill_applicant, labelled, png_file
from gateway_fakes import FakeIdentity
from playwright.sync_api import expect


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_applicant_page_is_accessible(
    viewport: str, browser: Any, accessibility_violations: Any, base_url: str, identity: FakeIdentity,
    tmp_path: Any,
) -> None:
    context = browser.new_context(locale="ja-JP", viewport=VIEWPORTS[viewport])
    page = context.new_page()
    walk = Walk(page, accessibility_violations, viewport)
    site = base_url + "/demo-univ"
    page.goto(base_url + "/")
    walk.look("directory")
    page.get_by_role("link", name="桜花大学").click()
    walk.look("sakura-top")  # another university's colours and logo
    expect(page.get_by_role("banner")).to_contain_text("桜花大学")
    page.goto(base_url + "/nowhere-univ/login")
    walk.look("unknown-university")
    expect(page.get_by_role("heading", name="ページが見つかりません")).to_be_visible()
    page.goto(site + "/")
    walk.look("top")
    page.get_by_role("link", name="新規登録").first.click()
    walk.look("register")
    labelled(page, "メールアドレス").fill("graduate@example.jp")
    labelled(page, "メールアドレス（確認）").fill("graduate@example.jp")
    page.get_by_role("button", name="確認メールを送信").click()
    walk.look("register-sent")
    token = identity.mails[-1][2]
    page.goto(f"{site}/register/verify?token={token}")
    walk.look("verify")
    page.get_by_role("button", name="登録を続ける").click()
    page.get_by_role("button", name="次へ").click()  # without agreeing: an error at the checkbox
    walk.look("terms-error")
    labelled(page, "上記内容に同意する").check()
    page.get_by_role("button", name="次へ").click()
    page.get_by_role("button", name="確認画面へ").click()  # empty: errors at the fields
    walk.look("applicant-errors")
    fill_applicant(page, png_file(tmp_path))
    page.get_by_role("button", name="確認画面へ").click()
    walk.look("confirm")
    expect(page.get_by_role("img", name="本人確認書類 1枚目")).to_be_visible()
    page.get_by_role("button", name="申請").click()
    walk.look("received")
    expect(page.get_by_role("heading", name="申請を受け付けました")).to_be_visible()

    identity.activate("graduate@example.jp", "Initial-Pass-1")
    page.goto(site + "/login")
    walk.look("login")
    labelled(page, "メールアドレス").fill("graduate@example.jp")
    labelled(page, "パスワード").fill("Initial-Pass-1")
    page.get_by_role("button", name="ログイン").click()
    walk.look("first-passwords")
    labelled(page, "新しいパスワード").fill("NewPass123")
    labelled(page, "新しいパスワード（確認）").fill("NewPass123")
    labelled(page, "新しい第2パスワード").fill("Second456x")
    labelled(page, "新しい第2パスワード（確認）").fill("Second456x")
    page.get_by_role("button", name="設定する").click()
    walk.look("menu")
    for link, name in [("学籍番号追加登録", "student-number"), ("メールアドレス変更", "email-change"),
                       ("パスワード変更", "password-change"), ("第2パスワード変更", "second-password-change"),
                       ("マニュアル", "manual")]:
        page.get_by_role("link", name=link).first.click()
        walk.look(name)
        page.goto(site + "/account/")
    page.goto(base_url + "/sakura-univ/account/")  # signed in at 証明大学 only: a stranger here
    expect(page.get_by_role("heading", name="ログイン")).to_be_visible()
    expect(page.get_by_role("banner")).to_contain_text("桜花大学")
    page.goto(site + "/account/")
    page.get_by_role("button", name="ログアウト").click()
    page.goto(site + "/password/forgot?lang=en")
    walk.look("forgot-en")
    expect(page.get_by_role("heading", name="Forgot your password?")).to_be_visible()
    context.close()
    assert walk.problems == {}
