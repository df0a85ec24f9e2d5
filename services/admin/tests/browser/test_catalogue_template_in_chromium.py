"""The catalogue editor in real Chromium, checked by axe-core: a type the code and name cannot tell
is refused at its template until the tenant admin chooses one; a type whose pages are below those
its certificates ran to is marked, and its median is typed in only by its button, saved only by
saving (Enter in a field saves, never takes the median)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from admin_fakes import FakeCatalogueEditor
from console_pages import looker, signed_in
from flask import Flask
from playwright.sync_api import expect
from print_order_fakes import FakePrintOrders

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
    page.get_by_role("button", name="保存する").last.click()
    expect(page.get_by_text("どの証明書か（様式）を選んでください。")).to_be_visible()
    look("catalogue-template-error")
    page.locator("fieldset.certificate-type").nth(2).get_by_label("証明書の様式").select_option("transcript")
    page.get_by_role("button", name="保存する").last.click()
    expect(page.get_by_role("status")).to_contain_text("保存しました")
    look("catalogue-template-saved")
    saved = {t["code"]: t["template"] for t in catalogue.documents["demo-univ"][-1][1]["types"]}
    assert saved == {"graduation": "graduation", "transcript": "transcript", "credits": "transcript"}
    assert problems == {}


def test_pages_below_those_issued_are_marked_and_the_median_typed_in_on_request(
        browser: Any, accessibility_violations: Any, base_url: str, catalogue: FakeCatalogueEditor,
        print_orders: FakePrintOrders) -> None:
    print_orders.issued_pages("demo-univ", "transcript", "ja", 2, 3, 3, 4)
    page = signed_in(browser, base_url, "admin@demo-univ.example")
    look, problems = looker(page, accessibility_violations)
    page.goto(base_url + "/demo-univ/settings/catalogue")
    transcript = page.locator("fieldset.certificate-type").nth(1)
    expect(transcript).to_have_class("certificate-type below-observed")
    expect(transcript).to_contain_text("発行実績（90日）: 2〜4ページ、中央値 3（4通）")
    look("catalogue-pages-below-observed")
    # Enter in a field saves the form as typed; it does not take the median.
    transcript.get_by_label("手数料（円）").fill("550")
    transcript.get_by_label("手数料（円）").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("保存しました")
    assert [(t["fee"], t["pages"]) for t in catalogue.documents["demo-univ"][-1][1]["types"]] == [(500, 1), (550, 2)]
    transcript = page.locator("fieldset.certificate-type").nth(1)
    transcript.get_by_role("button", name="中央値 3 を入力").click()
    expect(page.get_by_role("status")).to_contain_text("まだ保存していません")
    expect(page.locator("fieldset.certificate-type").nth(1).get_by_label("ページ数")).to_have_value("3")
    look("catalogue-pages-median-taken")
    assert len(catalogue.documents["demo-univ"]) == 2  # nothing saved behind the staff member's back
    page.get_by_role("button", name="保存する").last.click()
    expect(page.get_by_role("status")).to_contain_text("保存しました")
    assert [t["pages"] for t in catalogue.documents["demo-univ"][-1][1]["types"]] == [1, 3]
    expect(page.locator("fieldset.certificate-type").nth(1)).to_have_class("certificate-type")
    assert problems == {}
