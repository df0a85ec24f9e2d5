"""A registrar imports academic records in real Chromium, forgetting a file first, and looks up a
student number's versions; checked by axe-core at PC and phone widths."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from admin_fakes import FakeReviews
from browser.test_console_in_chromium import SCREENS, VIEWPORTS, base_url, signed_in
from playwright.sync_api import expect

__all__ = ["base_url"]  # the served console, a fixture of the console's browser tests


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_registrar_imports_records_and_reads_their_history(
        browser: Any, accessibility_violations: Any, base_url: str, reviews: FakeReviews, tmp_path: Path,
        viewport: str) -> None:
    records, courses = tmp_path / "records.csv", tmp_path / "courses.csv"
    records.write_bytes("student_number,name_romaji\nL08001,SHOMEI TARO\n".encode("cp932"))
    courses.write_bytes("student_number,term\nL08001,2008前期\n".encode("cp932"))
    context, page = signed_in(browser, base_url, viewport, "registrar@demo-univ.example")
    records_field, courses_field = "成績・学位の記録（CSV: 学籍番号ごとに1行）", "履修科目（CSV: 科目ごとに1行）"

    page.get_by_role("link", name="成績・学位の記録").click()
    page.get_by_label(records_field).set_input_files(str(records))
    page.get_by_role("button", name="取り込む").click()  # the courses file forgotten
    expect(page.locator("#courses-error")).to_have_text("ファイルを選んでください。")
    expect(page.get_by_label(courses_field)).to_have_attribute("aria-invalid", "true")
    assert reviews.record_imports == []
    problems = {"records-import-error": accessibility_violations(page)}
    page.get_by_label(records_field).set_input_files(str(records))
    page.get_by_label(courses_field).set_input_files(str(courses))
    page.get_by_role("button", name="取り込む").click()
    expect(page.get_by_role("status")).to_contain_text("取り込まなかった学籍番号 1 件")
    expect(page.get_by_role("row", name="科目ファイル 4 grade")).to_be_visible()
    problems["records-import-report"] = accessibility_violations(page)
    page.screenshot(path=str(SCREENS / f"records-import-report-{viewport}.png"), full_page=True)
    page.get_by_role("link", name="学籍番号ごとの履歴を見る").click()
    page.get_by_label("学籍番号").fill("L08001")
    page.get_by_role("button", name="表示する").click()
    expect(page.get_by_role("heading", name="L08001（第2版）")).to_be_visible()
    problems["record-history"] = accessibility_violations(page)
    page.screenshot(path=str(SCREENS / f"record-history-{viewport}.png"), full_page=True)
    context.close()
    assert {name: found for name, found in problems.items() if found} == {}
