"""Issue 7's applicant flows in real Chromium, at PC and smartphone sizes, checked by axe-core:
a double-clicked 申請, an image too large to upload, a refused file, and a locked login."""

from __future__ import annotations

from typing import Any

import pytest
from gateway_browser import labelled, png_file
from gateway_fakes import FakeEnrollment, FakeIdentity
from playwright.sync_api import expect

VIEWPORTS = {"pc": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=VIEWPORTS)
def page(request: Any, browser: Any) -> Any:
    context = browser.new_context(locale="ja-JP", viewport=VIEWPORTS[request.param])
    yield context.new_page()
    context.close()


def to_applicant_form(page: Any, site: str, identity: FakeIdentity) -> None:
    page.goto(site + "/register/")
    labelled(page, "メールアドレス").fill("graduate@example.jp")
    labelled(page, "メールアドレス（確認）").fill("graduate@example.jp")
    page.get_by_role("button", name="確認メールを送信").click()
    page.goto(f"{site}/register/verify?token={identity.mails[-1][2]}")
    page.get_by_role("button", name="登録を続ける").click()
    labelled(page, "上記内容に同意する").check()
    page.get_by_role("button", name="次へ").click()
    expect(page.get_by_role("heading", name="申請者情報の入力")).to_be_visible()


TYPED = {"氏名（漢字）": "山田 太郎", "氏名（カタカナ）": "ヤマダ タロウ", "氏名（ローマ字）": "YAMADA TARO",
         "生年月日（西暦）": "1990-04-01"}


def fill_applicant(page: Any) -> None:
    """What an applicant typed before choosing the image (enough for the fake's checks)."""
    for label, value in TYPED.items():
        labelled(page, label).fill(value)
    labelled(page, "学部・学科").select_option("demo/lit/jpn")
    page.get_by_label("卒業", exact=True).check()
    labelled(page, "書類の種類").select_option("drivers_license")


def test_a_double_clicked_application_lands_once_on_the_acceptance_page(
    page: Any, accessibility_violations: Any, base_url: str, identity: FakeIdentity, enrollment: FakeEnrollment,
    tmp_path: Any,
) -> None:
    site = base_url + "/demo-univ"
    to_applicant_form(page, site, identity)
    fill_applicant(page)
    labelled(page, "表面の画像").set_input_files(png_file(tmp_path))
    page.get_by_role("button", name="確認画面へ").click()
    apply = page.get_by_role("button", name="申請", exact=True)
    screen = page.locator("form").last.evaluate("form => form.outerHTML")
    cookies_before = page.context.cookies()

    # Two clicks on 申請. The page's own handler runs first; the test's, last in line, records
    # what reached it and keeps the browser from leaving, so the page can still be looked at.
    page.evaluate("""() => {
        window.sent = [];
        window.addEventListener("submit", (event) => {
            window.sent.push(!event.defaultPrevented);
            event.preventDefault();
        });
    }""")
    apply.click()
    expect(apply).to_be_disabled()  # while the first is on its way
    assert accessibility_violations(page) == []
    apply.evaluate("button => button.click()")  # a second click, even on a disabled button
    assert page.evaluate("window.sent") == [True]

    # The server on its own: the same screen arrives once, again after the first answer (no
    # script, a reload), and again racing the first with the cookie from before.
    for cookies in (None, None, cookies_before):
        if cookies is not None:
            page.context.clear_cookies()
            page.context.add_cookies(cookies)
        page.evaluate("html => { document.body.insertAdjacentHTML('beforeend', html);"
                      " document.body.lastElementChild.submit(); }", screen)
        expect(page.get_by_role("heading", name="申請を受け付けました")).to_be_visible()
        assert accessibility_violations(page) == []
    assert len(enrollment.submitted) == 1


def test_an_image_too_large_is_refused_at_its_field_before_upload_and_nothing_is_lost(
    page: Any, accessibility_violations: Any, base_url: str, identity: FakeIdentity,
) -> None:
    to_applicant_form(page, base_url + "/demo-univ", identity)
    fill_applicant(page)
    front = labelled(page, "表面の画像")
    # A phone photo over the 5 MB limit. Playwright hands the bytes to Chromium through its pipe,
    # which on a busy 2-core machine took over 30 s for 30 MB: 12 MB proves the same refusal.
    front.set_input_files({"name": "camera.png", "mimeType": "image/png", "buffer": b"\x89PNG" + bytes(12 << 20)},
                          timeout=120_000)
    expect(page.locator("#s-id_front")).to_have_text("画像が大きすぎます（5MBまで）。小さい画像を選び直してください。")
    expect(page.locator("#s-id_front")).to_be_visible()
    expect(front).to_have_attribute("aria-invalid", "true")
    assert front.evaluate("input => input.files.length") == 0  # never sent
    expect(labelled(page, "氏名（漢字）")).to_have_value("山田 太郎")
    expect(page).to_have_url(base_url + "/demo-univ/register/applicant")
    assert accessibility_violations(page) == []


def test_a_refused_file_is_not_shown_as_kept(
    page: Any, accessibility_violations: Any, base_url: str, identity: FakeIdentity, tmp_path: Any,
) -> None:
    to_applicant_form(page, base_url + "/demo-univ", identity)
    fill_applicant(page)
    renamed = tmp_path / "license.png"
    renamed.write_bytes(b"%PDF-1.7\n% a PDF renamed .png\n")
    labelled(page, "表面の画像").set_input_files(str(renamed))
    page.get_by_role("button", name="確認画面へ").click()
    expect(page.locator("#e-id_front")).to_have_text("jpg・gif・png形式の画像を選んでください。")
    expect(page.get_by_text("選択済みの画像があります")).to_have_count(0)
    expect(page.locator("input[name=kept_id_front]")).to_have_count(0)
    expect(labelled(page, "氏名（漢字）")).to_have_value("山田 太郎")
    assert accessibility_violations(page) == []


def test_a_locked_login_says_once_how_long_and_how_to_get_in_now(
    page: Any, accessibility_violations: Any, base_url: str, identity: FakeIdentity,
) -> None:
    identity.activate("graduate@example.jp", "Initial-Pass-1")
    site = base_url + "/demo-univ"
    page.goto(site + "/login")
    lockout = page.get_by_role("alert")
    # 5 failures lock the account (identity); from the 11th try within a minute the gateway's
    # per-address limit answers first. Both must read the same, on the login form.
    for attempt in range(1, 13):
        labelled(page, "メールアドレス").fill("graduate@example.jp")
        labelled(page, "パスワード").fill(f"Wrong-{attempt}")
        page.get_by_role("button", name="ログイン").click()
        if attempt >= 5:
            expect(lockout).to_have_count(1)
            expect(lockout).to_contain_text("あと約15分でもう一度ログインできます。")
            expect(lockout.get_by_role("link", name="パスワードを忘れた場合")).to_be_visible()
            expect(page.get_by_role("button", name="ログイン")).to_be_visible()
            expect(labelled(page, "メールアドレス")).to_have_value("graduate@example.jp")
    assert accessibility_violations(page) == []
    lockout.get_by_role("link", name="パスワードを忘れた場合").click()
    expect(page.get_by_role("heading", name="パスワードを忘れた場合")).to_be_visible()
