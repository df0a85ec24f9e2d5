"""The catalogue editor of tenant admins, on a fake of ordering's editor API."""

from __future__ import annotations

from typing import Any

from admin_fakes import FakeCatalogueEditor
from flask.testing import FlaskClient
from unit.test_console import sign_in, token_from

from shomei_admin.service_layer.ports import StaffSession

PAGE = "/demo-univ/settings/catalogue"


def filled(client: FlaskClient, **changes: Any) -> dict[str, Any]:
    """The editor's form as the page fills it, with `changes`."""
    data: dict[str, Any] = {"csrf_token": token_from(client, PAGE), "usage_fee": "200", "netprint": "20",
                            "sharp": "20", "payment_methods": ["paypal", "smartpit"]}
    for index, (code, name_ja, name_en, fee, pages) in enumerate((
            ("graduation", "卒業証明書", "Certificate of graduation", "500", "1"),
            ("transcript", "成績証明書", "Transcript", "500", "2"))):
        data |= {f"types-{index}-code": code, f"types-{index}-name_ja": name_ja, f"types-{index}-name_en": name_en,
                 f"types-{index}-fee": fee, f"types-{index}-pages": pages, f"types-{index}-statuses": ["卒業"],
                 f"types-{index}-programmes": ["学部", "大学院"], f"types-{index}-store_printing": "y",
                 f"types-{index}-language": "ja"}
    data |= {"types-2-code": "", "types-2-name_ja": "", "types-2-name_en": "", "types-2-fee": "500",
             "types-2-pages": "1", "types-2-statuses": ["卒業", "退学", "除籍"], "types-2-programmes": ["学部"],
             "types-2-language": "ja"}
    return data | changes


def test_only_tenant_admins_edit_the_catalogue(client: FlaskClient, catalogue: FakeCatalogueEditor) -> None:
    sign_in(client, "reviewer@demo-univ.example")
    assert "証明書と料金" not in client.get("/demo-univ/").get_data(as_text=True)
    assert client.get(PAGE).status_code == 403
    token = token_from(client, "/demo-univ/decided")
    assert client.post(PAGE, data={"csrf_token": token, "usage_fee": "0"}).status_code == 403
    assert catalogue.calls == 0


def test_a_tenant_admin_changes_a_fee_adds_a_type_and_sees_the_history(client: FlaskClient,
                                                                       catalogue: FakeCatalogueEditor) -> None:
    sign_in(client, "admin@demo-univ.example")
    page = client.get(PAGE).get_data(as_text=True)
    assert 'value="卒業証明書"' in page and 'value="成績証明書"' in page and "証明書と料金" in page
    assert 'name="types-0-template"' in page and '<option selected value="graduation">' in page
    answer = client.post(PAGE, data=filled(client, **{"types-0-fee": " 600 ", "types-2-code": "english",
                                                      "types-2-name_ja": "英文卒業証明書",
                                                      "types-2-name_en": "Certificate of graduation (English)",
                                                      "types-2-language": "en", "types-2-template": "graduation"}))
    assert answer.status_code == 302 and answer.headers["Location"].endswith("saved=1")
    saved = catalogue.catalogue(catalogue_staff())
    assert [(t["code"], t["fee"], t["language"], t["template"]) for t in saved["types"]] == [
        ("graduation", 600, "ja", "graduation"), ("transcript", 500, "ja", "transcript"),
        ("english", 500, "en", "graduation")]
    page = client.get(PAGE + "?saved=1").get_data(as_text=True)
    assert "保存しました" in page and "staff-admin@demo-univ.example" in page and "卒業証明書 600円" in page
    # Nothing changed: said so, and no new version.
    answer = client.post(PAGE, data=filled(client, **{"types-0-fee": "600", "types-2-code": "english",
                                                      "types-2-name_ja": "英文卒業証明書",
                                                      "types-2-name_en": "Certificate of graduation (English)",
                                                      "types-2-language": "en", "types-2-template": "graduation"}))
    assert answer.headers["Location"].endswith("saved=0") and len(catalogue.history(catalogue_staff())) == 2


def test_refusals_are_shown_at_their_fields(client: FlaskClient, catalogue: FakeCatalogueEditor) -> None:
    sign_in(client, "admin@demo-univ.example")
    answer = client.post(PAGE, data=filled(client, **{"types-1-fee": "五百", "usage_fee": "-1",
                                                      "payment_methods": []}))
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert 'id="types-1-fee-error">0〜100000の整数で入力してください。' in page
    assert 'id="usage_fee-error">0〜10000の整数で入力してください。' in page
    assert 'id="payment_methods-error">お支払い方法を1つ以上選んでください。' in page
    assert 'value="五百"' in page  # what was typed stays
    assert len(catalogue.history(catalogue_staff())) == 1


def test_a_refusal_after_a_removed_type_is_shown_at_its_own_row(client: FlaskClient) -> None:
    sign_in(client, "admin@demo-univ.example")
    # The first type is removed, so ordering's types.0 is the form's second row.
    answer = client.post(PAGE, data=filled(client, **{"types-0-remove": "y", "types-1-pages": "0"}))
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400 and 'id="types-1-pages-error">1〜50の整数で入力してください。' in page
    assert "types-0-pages-error" not in page


def catalogue_staff() -> StaffSession:
    return StaffSession("staff-admin@demo-univ.example", "demo-univ", "admin@demo-univ.example", ("tenant_admin",))
