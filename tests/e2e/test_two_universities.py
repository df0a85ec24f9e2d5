"""Two universities on one running suite (DOMAIN rule 29): each at its own address with its own
name, look, texts and staff; nothing of one is accepted at the other's address."""

from __future__ import annotations

import time
import urllib.request
from typing import Any

import pyotp
from playwright.sync_api import expect

from shomei_devtools.paths import local_dir

SCREENS = local_dir() / "test" / "screens" / "e2e-tenancy"
APPLICANT = "sakura.graduate@example.jp"


def sign_in(console: Any, address: str, staff: dict[str, str]) -> None:
    console.goto(address + "/login")
    console.get_by_label("メールアドレス").fill(staff["email"])
    console.get_by_label("パスワード").fill(staff["password"])
    console.get_by_label("確認コード（認証アプリの6桁）").fill(pyotp.TOTP(staff["totp_secret"]).now())
    console.get_by_role("button", name="ログイン").click()


def seed_staff(suite: Any, tenant: str, email: str) -> dict[str, str]:
    output = suite.run("identity", "-m", "shomei_identity.entrypoints.seed_staff", "--tenant", tenant,
                       "--email", email)
    return dict(line.split("=", 1) for line in output.split())


def test_each_university_at_its_own_address(suite: Any, browser: Any, accessibility_violations: Any) -> None:
    gateway, admin = suite.url("gateway"), suite.url("admin")
    context = browser.new_context(locale="ja-JP", viewport={"width": 390, "height": 844})
    page = context.new_page()
    problems: dict[str, Any] = {}

    def look(name: str) -> None:
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)
        if found := accessibility_violations(page):
            problems[name] = found

    # The bare root lists the universities; each links to its own site, in its own look
    page.goto(gateway + "/")
    look("directory")
    expect(page.get_by_role("link", name="証明大学")).to_be_visible()
    page.get_by_role("link", name="桜花大学").click()
    expect(page).to_have_url(gateway + "/sakura-univ/")
    expect(page.get_by_role("banner")).to_contain_text("桜花大学")
    expect(page.get_by_role("contentinfo")).to_contain_text("shomei@sakura-univ.example")
    look("sakura-top")
    assert page.goto(gateway + "/nowhere-univ/").status == 404

    # Registering at 桜花大学: its 注意事項 and closures, its name in the mail, its link void at 証明大学
    page.goto(gateway + "/sakura-univ/register/")
    expect(page.get_by_text("桜花大学の証明書は、卒業後50年まで発行できます。")).to_be_visible()
    expect(page.get_by_text("夏季一斉休業").first).to_be_visible()
    look("sakura-register")
    page.get_by_label("メールアドレス", exact=False).first.fill(APPLICANT)
    page.get_by_label("メールアドレス（確認）", exact=False).fill(APPLICANT)
    page.get_by_role("button", name="確認メールを送信").click()
    mail = suite.wait_for_mail(APPLICANT, "【桜花大学 証明書発行サービス】メールアドレスの確認")
    assert "shomei@sakura-univ.example" in mail["text_body"]
    (url,) = [u for u in mail["urls"] if "/sakura-univ/register/verify" in u]
    page.goto(url.replace("/sakura-univ/", "/demo-univ/"))
    page.get_by_role("button", name="登録を続ける").click()
    expect(page.get_by_role("heading", name="このURLは使用できません")).to_be_visible()
    page.goto(url)
    page.get_by_role("button", name="登録を続ける").click()
    expect(page.get_by_text("桜花大学は、登録された本人確認書類の画像を審査後1年で削除します。")).to_be_visible()
    look("sakura-terms")

    # Staff of 証明大学 cannot sign in at 桜花大学's console, nor carry their session there
    demo_staff = seed_staff(suite, "demo-univ", "officer@demo-univ.example")
    console = context.new_page()
    sign_in(console, admin + "/sakura-univ", demo_staff)
    expect(console.get_by_role("alert")).to_be_visible()
    sign_in(console, admin + "/demo-univ", demo_staff)
    expect(console.get_by_role("heading", name="審査待ち")).to_be_visible()
    console.goto(admin + "/sakura-univ/")
    expect(console.get_by_role("heading", name="職員ログイン")).to_be_visible()

    # 桜花大学's tenant admin changes its colour; every page shows it at once (cache 1 s here)
    sakura_staff = seed_staff(suite, "sakura-univ", "admin@sakura-univ.example")
    sign_in(console, admin + "/sakura-univ", sakura_staff)
    console.get_by_role("link", name="大学の設定").click()
    console.get_by_label("基調色（#rrggbb。ヘッダーとボタン、白地のリンク）").fill("#ffcc00")
    console.get_by_role("button", name="保存する").click()
    expect(console.locator("#accent-error")).to_contain_text("コントラスト比")  # unreadable on white
    console.get_by_label("基調色（#rrggbb。ヘッダーとボタン、白地のリンク）").fill("#1b4d2e")
    console.get_by_role("button", name="保存する").click()
    expect(console.get_by_role("status")).to_contain_text("保存しました")
    expect(console.get_by_role("cell", name="accent", exact=True)).to_be_visible()  # the change history
    deadline = time.monotonic() + 30
    while "#1b4d2e" not in urllib.request.urlopen(gateway + "/sakura-univ/theme.css").read().decode():
        assert time.monotonic() < deadline, "the new colour never reached the applicant site"
        time.sleep(0.5)
    page.goto(gateway + "/sakura-univ/login")
    look("sakura-new-colour")
    context.close()
    assert problems == {}
