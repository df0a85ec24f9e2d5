"""The public verification page in real Chromium at PC and smartphone sizes, every page checked by
axe-core (ADR 0036): a mistyped code answered at the field, an unknown one, the QR code's address
showing the certificate and its image, a revoked one with its reason, English; and the graduate's
page of who checked their certificates. print-gateway is the in-memory fake here."""

from __future__ import annotations

from typing import Any

import pytest
from certificate_rows import page_png
from gateway_browser import VIEWPORTS, Walk, labelled
from gateway_fakes import FakeEnrollment, FakeIdentity
from playwright.sync_api import expect
from verification_fakes import FakeVerification

from shomei_gateway.service_layer.ports import Profile

CODE = "7KQ4-M2XD-9P3F-WA6T"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_someone_holding_the_paper_checks_it_and_the_graduate_sees_who_did(
    viewport: str, browser: Any, accessibility_violations: Any, base_url: str, identity: FakeIdentity,
    enrollment: FakeEnrollment, verification: FakeVerification,
) -> None:
    identity.activate("graduate@example.jp", "P")
    account = identity.accounts["graduate@example.jp"]
    account.initial, account.second_password = False, "S"
    enrollment.profiles[account.account_id] = Profile({}, ["L08001"])
    verification.issue("demo-univ", account.account_id, CODE, holder_name="証明 花子", number="No. 0042",
                       image=page_png((235, 235, 225)))
    revoked = verification.issue("demo-univ", "account-9", "8KQ4-M2XD-9P3F-WA6T", number="No. 0043",
                                 image=page_png((225, 225, 235)))
    verification.revoke(revoked, "氏名の誤記のため")
    context = browser.new_context(locale="ja-JP", viewport=VIEWPORTS[viewport])
    page = context.new_page()
    walk = Walk(page, accessibility_violations, viewport)
    site = base_url + "/demo-univ"

    page.goto(site + "/verify")
    walk.look("verify-form")
    labelled(page, "確認コード").fill("7KQ4 M2XD 9P3F")  # four characters short
    page.get_by_role("button", name="確認する").click()
    expect(page.locator("#code-error")).to_contain_text("英数字16文字")
    walk.look("verify-mistyped")
    labelled(page, "確認コード").fill("7KQ4 M2XD 9P3F WA6V")
    page.get_by_role("button", name="確認する").click()
    expect(page.locator("#code-error")).to_contain_text("この確認コードの証明書はありません")
    walk.look("verify-unknown")

    page.goto(f"{site}/verify/{CODE}")  # what the QR code opens
    expect(page.get_by_role("heading", name="有効な証明書です")).to_be_visible()
    expect(page.get_by_text("証明 花子")).to_be_visible()
    expect(page.get_by_role("img", name="発行された証明書の1ページ目の画像")).to_be_visible()
    walk.look("verify-valid")
    page.goto(f"{site}/verify/8KQ4-M2XD-9P3F-WA6T")
    expect(page.get_by_role("heading", name="この証明書は取り消されています")).to_be_visible()
    expect(page.get_by_text("氏名の誤記のため")).to_be_visible()
    walk.look("verify-revoked")
    page.goto(f"{site}/verify/{CODE}?lang=en")
    expect(page.get_by_role("heading", name="This certificate is valid")).to_be_visible()
    walk.look("verify-valid-en")

    page.goto(site + "/login?lang=ja")
    labelled(page, "メールアドレス").fill("graduate@example.jp")
    labelled(page, "パスワード").fill("P")
    labelled(page, "第2パスワード").fill("S")
    page.get_by_role("button", name="ログイン").click()
    page.get_by_role("link", name="発行した証明書と確認の記録").click()
    expect(page.get_by_role("heading", name="卒業証明書 No. 0042")).to_be_visible()
    expect(page.get_by_role("table", name="確認された記録").get_by_role("row")).to_have_count(3)  # header, 2 checks
    walk.look("my-certificates")
    assert walk.problems == {}
