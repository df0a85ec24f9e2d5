"""The console in Chromium as the browser tests take it: a staff member signed in, and each
screen looked at (a screenshot, and axe's findings kept by screen name)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shomei_devtools.paths import local_dir

SCREENS = local_dir() / "test" / "screens" / "admin"


def signed_in(browser: Any, base_url: str, email: str, viewport: dict[str, int] | None = None,
              tenant: str = "demo-univ") -> Any:
    page = browser.new_context(locale="ja-JP", viewport=viewport or {"width": 1280, "height": 900}).new_page()
    page.goto(f"{base_url}/{tenant}/login")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード").fill("Staff-Pass-1")
    page.get_by_label("確認コード（認証アプリの6桁）").fill("123456")
    page.get_by_role("button", name="ログイン").click()
    return page


def looker(page: Any, accessibility_violations: Any, suffix: str = "") -> tuple[Callable[[str], None], dict[str, Any]]:
    """`look(name)` screenshots the page and keeps axe's findings in the returned dict."""
    problems: dict[str, Any] = {}
    SCREENS.mkdir(parents=True, exist_ok=True)

    def look(name: str) -> None:
        page.screenshot(path=str(SCREENS / f"{name}{suffix}.png"), full_page=True)
        if found := accessibility_violations(page):
            problems[name] = found

    return look, problems
