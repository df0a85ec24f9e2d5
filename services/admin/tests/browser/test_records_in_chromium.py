"""A registrar imports academic records in real Chromium, forgetting a file first, and looks up a
student number's versions; checked by axe-core at PC and phone widths."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from admin_fakes import FakeReviews
from flask import Flask
from playwright.sync_api import expect
from werkzeug.serving import make_server

from shomei_devtools.paths import local_dir

SCREENS = local_dir() / "test" / "screens" / "admin"
VIEWPORTS = {"pc": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def base_url(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_registrar_imports_records_and_reads_their_history(
        browser: Any, accessibility_violations: Any, base_url: str, reviews: FakeReviews, tmp_path: Path,
        viewport: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    records, courses = tmp_path / "records.csv", tmp_path / "courses.csv"
    records.write_bytes("student_number,name_romaji\nL08001,SHOMEI TARO\n".encode("cp932"))
    courses.write_bytes("student_number,term\nL08001,2008前期\n".encode("cp932"))
    context = browser.new_context(locale="ja-JP", viewport=VIEWPORTS[viewport])
    page = context.new_page()
    problems: dict[str, Any] = {}

    def look(name: str) -> None:
        page.screenshot(path=str(SCREENS / f"{name}-{viewport}.png"), full_page=True)
        if found := accessibility_violations(page):
            problems[name] = found

    page.goto(base_url + "/demo-univ/login")
    page.get_by_label("メールアドレス").fill("registrar@demo-univ.example")
    page.get_by_label("パスワード").fill("Staff-Pass-1")
    page.get_by_label("確認コード（認証アプリの6桁）").fill("123456")
    page.get_by_role("button", name="ログイン").click()
    page.get_by_role("link", name="成績・学位の記録").click()
    look("records-import")
    page.get_by_label("成績・学位の記録（CSV: 学籍番号ごとに1行）").set_input_files(str(records))
    page.get_by_role("button", name="取り込む").click()  # the courses file forgotten
    expect(page.locator("#courses-error")).to_have_text("ファイルを選んでください。")
    expect(page.get_by_label("履修科目（CSV: 科目ごとに1行）")).to_have_attribute("aria-invalid", "true")
    look("records-import-error")
    assert reviews.record_imports == []
    page.get_by_label("成績・学位の記録（CSV: 学籍番号ごとに1行）").set_input_files(str(records))
    page.get_by_label("履修科目（CSV: 科目ごとに1行）").set_input_files(str(courses))
    page.get_by_role("button", name="取り込む").click()
    expect(page.get_by_role("status")).to_contain_text("取り込まなかった学籍番号 1 件")
    expect(page.get_by_role("row", name="科目ファイル 4 grade")).to_be_visible()
    look("records-import-report")
    page.get_by_role("link", name="学籍番号ごとの履歴を見る").click()
    page.get_by_label("学籍番号").fill("L08001")
    page.get_by_role("button", name="表示する").click()
    expect(page.get_by_role("heading", name="L08001（第2版）")).to_be_visible()
    look("record-history")
    context.close()
    assert problems == {}
