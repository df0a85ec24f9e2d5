"""The catalogue editor's certificate template in real Chromium, checked by axe-core: a type the
code and name cannot tell is refused at its template until the tenant admin chooses one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from admin_fakes import FakeCatalogueEditor
from console_pages import looker, signed_in
from flask import Flask
from playwright.sync_api import expect

from shomei_devtools.browser import served


@pytest.fixture
def base_url(app: Flask) -> Iterator[str]:
    with served(app) as base:
        yield base


def test_a_new_type_needs_its_template_chosen(browser: Any, accessibility_violations: Any, base_url: str,
                                              catalogue: FakeCatalogueEditor) -> None:
    page = signed_in(browser, base_url, "admin@demo-univ.example")
    look, problems = looker(page, accessibility_violations)
    page.goto(base_url + "/demo-univ/settings/catalogue")
    new = page.locator("fieldset.certificate-type").last
    new.get_by_label("コード").fill("credits")
    new.get_by_label("名称（日本語）").fill("単位修得証明書")
    new.get_by_label("名称（英語）").fill("Certificate of Credits")
    new.get_by_label("手数料（円）").fill("500")
    new.get_by_label("ページ数").fill("1")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("どの証明書か（様式）を選んでください。")).to_be_visible()
    look("catalogue-template-error")
    page.locator("fieldset.certificate-type").nth(2).get_by_label("証明書の様式").select_option("transcript")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_role("status")).to_contain_text("保存しました")
    look("catalogue-template-saved")
    saved = {t["code"]: t["template"] for t in catalogue.documents["demo-univ"][-1][1]["types"]}
    assert saved == {"graduation": "graduation", "transcript": "transcript", "credits": "transcript"}
    assert problems == {}
