"""The console's screens in real Chromium, checked by axe-core."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from admin_fakes import FakeReviews
from console_pages import looker
from flask import Flask
from playwright.sync_api import expect
from werkzeug.serving import make_server

from shomei_admin.service_layer.ports import HistoryEntry, PossibleDuplicate
from shomei_devtools.paths import local_dir

SCREENS = local_dir() / "test" / "screens" / "admin"


@pytest.fixture
def base_url(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_review_screens_are_accessible(browser: Any, accessibility_violations: Any, base_url: str) -> None:
    page = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900}).new_page()
    look, problems = looker(page, accessibility_violations)
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
    page.context.close()
    assert problems == {}


VIEWPORTS = {"pc": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def signed_in(browser: Any, base_url: str, viewport: str = "pc", email: str = "reviewer@demo-univ.example",
              ) -> tuple[Any, Any]:
    SCREENS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(locale="ja-JP", viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(base_url + "/demo-univ/login")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード").fill("Staff-Pass-1")
    page.get_by_label("確認コード（認証アプリの6桁）").fill("123456")
    page.get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("heading", name="審査待ち")).to_be_visible()
    return context, page


def test_the_application_reads_in_the_forms_order_with_labels_in_the_staff_members_language(
        browser: Any, accessibility_violations: Any, base_url: str) -> None:
    problems: dict[str, Any] = {}
    for viewport in VIEWPORTS:
        context, page = signed_in(browser, base_url, viewport)
        page.goto(base_url + "/demo-univ/applications/app-soon")
        sheet = page.locator("section.sheet")
        expect(sheet.get_by_role("heading", level=3)).to_have_text(
            ["氏名", "在学時", "住所・連絡先", "勤務先", "本人確認書類"])
        expect(sheet.locator("dt").first).to_have_text("氏名（漢字）")
        for raw in ("graduated", "male", "drivers_license", "shomei", "lit", "jpn"):
            expect(sheet.locator("dd", has_text=re.compile(f"^{raw}$"))).to_have_count(0)
        for shown in ("男性", "卒業", "運転免許証", "証明大学", "文学部", "日本文学科"):
            expect(sheet.locator("dd", has_text=re.compile(f"^{shown}$"))).to_have_count(1)
        page.screenshot(path=str(SCREENS / f"detail-ja-{viewport}.png"), full_page=True)
        if found := accessibility_violations(page):
            problems[f"detail-ja-{viewport}"] = found
        page.get_by_label("表示言語 / Language").select_option("en")
        page.get_by_role("button", name="切替 / Switch").click()
        expect(page).to_have_url(base_url + "/demo-univ/applications/app-soon")
        expect(sheet).to_have_attribute("lang", "en")
        expect(sheet.get_by_role("heading", level=3).first).to_have_text("Name")
        for shown in ("Male", "Graduated", "Driver's licence", "Faculty of Letters"):
            expect(sheet.locator("dd", has_text=re.compile(f"^{shown}$"))).to_have_count(1)
        page.screenshot(path=str(SCREENS / f"detail-en-{viewport}.png"), full_page=True)
        if found := accessibility_violations(page):
            problems[f"detail-en-{viewport}"] = found
        context.close()
    assert problems == {}


def test_id_images_are_labelled_front_and_back_and_open_full_size_by_keyboard(browser: Any, base_url: str) -> None:
    context, page = signed_in(browser, base_url)
    page.goto(base_url + "/demo-univ/applications/app-soon")
    expect(page.locator("figure.document figcaption")).to_have_text(["表面", "裏面"])
    front = page.get_by_role("link", name=re.compile("表面（運転免許証）.*拡大表示"))
    back = page.get_by_role("link", name=re.compile("裏面（運転免許証）.*拡大表示"))
    front.focus()
    page.keyboard.press("Tab")
    expect(back).to_be_focused()
    with context.expect_page() as opened:
        page.keyboard.press("Enter")
    full = opened.value
    full.wait_for_load_state()
    assert full.url.endswith("/demo-univ/applications/app-soon/images/app-soon-back")
    assert full.evaluate("document.contentType") == "image/gif"
    context.close()


def test_the_queue_tells_namesakes_apart_by_email_and_marks_possible_duplicates(
        browser: Any, accessibility_violations: Any, base_url: str, reviews: FakeReviews) -> None:
    reviews.add("demo-univ", "app-namesake", "山田 太郎", due_in_hours=8, email="yamada.t@example.com")
    reviews.duplicates["app-namesake"] = (PossibleDuplicate("app-soon", "山田 太郎", "taro@example.jp", "submitted",
                                                            ("same_name_and_birth_date",)),)
    problems: dict[str, Any] = {}
    for viewport in VIEWPORTS:
        context, page = signed_in(browser, base_url, viewport)
        rows = page.locator("tbody tr")
        expect(rows.nth(1)).to_contain_text("taro@example.jp")
        expect(rows.nth(2)).to_contain_text("yamada.t@example.com")
        expect(rows.nth(2).locator(".duplicates")).to_contain_text("重複の可能性")
        expect(rows.nth(2).locator(".duplicates")).to_contain_text("審査待ち・同じ氏名・生年月日")
        expect(rows.nth(0)).to_contain_text("期限超過")  # still the soonest due first, overdue flagged
        page.screenshot(path=str(SCREENS / f"queue-duplicates-{viewport}.png"), full_page=True)
        if found := accessibility_violations(page):
            problems[viewport] = found
        rows.nth(2).get_by_role("link", name="山田 太郎").first.click()
        expect(page).to_have_url(base_url + "/demo-univ/applications/app-namesake")
        warning = page.get_by_role("region", name="重複の可能性")  # where staff decide, too
        expect(warning).to_contain_text("taro@example.jp（審査待ち・同じ氏名・生年月日）")
        if found := accessibility_violations(page):
            problems[f"detail-{viewport}"] = found
        warning.get_by_role("link", name="山田 太郎").click()
        expect(page).to_have_url(base_url + "/demo-univ/applications/app-soon")
        context.close()
    assert problems == {}


def test_decided_applications_are_filtered_searched_and_paged(
        browser: Any, accessibility_violations: Any, base_url: str, reviews: FakeReviews) -> None:
    reviews.per_page = 2
    for day, (name, status, email) in enumerate((("承認 一郎", "approved", "ichiro@example.jp"),
                                                 ("却下 二郎", "rejected", "jiro@example.jp"),
                                                 ("承認 三郎", "approved", "saburo@example.jp"),
                                                 ("依頼 四郎", "returned", "shiro@example.jp")), start=1):
        reviews.add_decided("demo-univ", f"decided-{day}", name, status, datetime(2026, 3, day, 1, tzinfo=UTC),
                            email=email)
    reviews.add_decided("other-univ", "decided-other", "他大 五郎", "approved", datetime(2026, 3, 5, tzinfo=UTC))
    problems: dict[str, Any] = {}
    for viewport in VIEWPORTS:
        context, page = signed_in(browser, base_url, viewport)
        page.get_by_role("link", name="判定済み").click()
        names = page.locator("tbody td:nth-child(4) a")
        expect(names).to_have_text(["依頼 四郎", "承認 三郎"])
        expect(page.get_by_text("4件中 1〜2件を表示")).to_be_visible()
        page.screenshot(path=str(SCREENS / f"decided-{viewport}.png"), full_page=True)
        if found := accessibility_violations(page):
            problems[f"list-{viewport}"] = found
        page.get_by_role("link", name="次のページ").click()
        expect(names).to_have_text(["却下 二郎", "承認 一郎"])
        page.get_by_label("判定", exact=True).select_option("approved")
        page.get_by_role("button", name="絞り込む").click()
        expect(names).to_have_text(["承認 三郎", "承認 一郎"])
        page.get_by_label("検索（氏名・カナ・メールアドレス・学籍番号）").fill("saburo@")
        page.get_by_label("検索（氏名・カナ・メールアドレス・学籍番号）").press("Enter")
        expect(names).to_have_text(["承認 三郎"])
        page.get_by_role("link", name="条件をクリア").click()
        page.get_by_label("判定日（から）").fill("2026-03-02")
        page.get_by_label("判定日（まで）").fill("2026-03-01")
        page.get_by_role("button", name="絞り込む").click()
        expect(page.locator("#last_day-error")).to_have_text("終了日は開始日以降にしてください。")
        expect(page.get_by_label("判定日（まで）")).to_have_attribute("aria-invalid", "true")
        if found := accessibility_violations(page):
            problems[f"error-{viewport}"] = found
        expect(page.get_by_text("他大 五郎")).to_have_count(0)
        context.close()
    assert problems == {}


def test_the_history_shows_each_events_conversation_and_cause(browser: Any, base_url: str,
                                                              reviews: FakeReviews) -> None:
    at = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)
    reviews.histories["app-soon"] = [
        HistoryEntry(at, "ApplicationSubmitted", "applicant", "", "m-1", "c-submit", "c-submit"),
        HistoryEntry(at + timedelta(hours=1), "ApplicationApproved", "staff", "S1234567", "m-2", "c-approve",
                     "c-approve"),
        HistoryEntry(at + timedelta(hours=1), "StudentNumberLinked", "system", "S1234567", "m-3", "c-approve",
                     "m-2"),
        HistoryEntry(at + timedelta(hours=2), "StudentNumberLinked", "system", "", "m-4", "c-approve",
                     "identity-event-9"),
    ]
    context, page = signed_in(browser, base_url)
    page.goto(base_url + "/demo-univ/applications/app-soon")
    entries = page.locator("ol.history > li")
    expect(entries).to_have_count(4)
    expect(entries.nth(0).locator(".trace")).to_contain_text("相関ID c-submit")
    expect(entries.nth(0).locator(".trace")).to_contain_text("原因: 画面からの操作")
    expect(entries.nth(1).locator(".trace")).to_contain_text("相関ID c-approve")
    expect(entries.nth(2).locator(".trace")).to_contain_text("相関ID c-approve")
    cause = entries.nth(2).get_by_role("link", name="この履歴の「承認」（2026-04-01 11:00）")
    expect(cause).to_have_attribute("href", "#event-m-2")
    cause.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#event-m-2$"))
    expect(entries.nth(1)).to_be_focused()
    expect(entries.nth(3).locator(".trace")).to_contain_text("原因: 他サービスのイベント identity-event-9")
    context.close()
