"""The catalogue editor beside the pages certificates really ran to (issue 10): each type's
counts from print-gateway, the row marked when its typed pages are below the median (the print
estimate graduates see would be too low), a button typing the median into the field without
saving, and the editor working as before when print-gateway does not answer."""

from __future__ import annotations

import re

import pytest
from admin_fakes import FakeCatalogueEditor
from flask.testing import FlaskClient
from print_order_fakes import FakePrintOrders
from unit.test_catalogue_editor import PAGE, catalogue_staff, filled
from unit.test_console import sign_in, token_from

TEMPLATES = {"types-0-template": "graduation", "types-1-template": "transcript"}


def rows(page: str) -> list[str]:
    """Each type's part of the page, from its fieldset to the next's (the last runs to the end)."""
    return ['<fieldset class="certificate-type' + part for part in page.split('<fieldset class="certificate-type')[1:]]


def test_each_type_shows_its_counts_and_a_row_below_the_median_is_marked(
        client: FlaskClient, print_orders: FakePrintOrders) -> None:
    print_orders.issued_pages("demo-univ", "graduation", "ja", 1, 1)
    print_orders.issued_pages("demo-univ", "transcript", "ja", 2, 3, 3, 4, 4, 3, 2, 3, 3, 4, 3, 2)
    print_orders.issued_pages("demo-univ", "transcript", "en", 5)  # another language: not this type's
    print_orders.issued_pages("other-univ", "graduation", "ja", 9)
    sign_in(client, "admin@demo-univ.example")
    graduation, transcript, blank = rows(client.get(PAGE).get_data(as_text=True).split("<h2>変更履歴")[0])
    assert "発行実績（90日）: 1ページ、中央値 1（2通）" in graduation
    assert 'class="certificate-type"' in graduation and "use_observed" not in graduation
    # Typed 2 pages, issued 2〜4 with a median of 3: marked, with the median offered.
    assert "発行実績（90日）: 2〜4ページ、中央値 3（12通）" in transcript
    assert 'class="certificate-type below-observed"' in transcript and "要確認" in transcript
    assert re.search(r'<button type="submit" name="use_observed" value="1"[^>]*>中央値 3 を入力</button>', transcript)
    assert "発行実績" not in blank
    token = {"csrf_token": token_from(client, PAGE)}
    client.post("/demo-univ/language", data={**token, "language": "en", "next": PAGE})
    english = client.get(PAGE).get_data(as_text=True)
    assert "Issued in the last 90 days: 2〜4 pages, median 3 (12 certificates)" in english
    assert "Enter the median, 3" in english


def test_a_type_never_issued_says_so_and_a_half_median_is_rounded_up(
        client: FlaskClient, print_orders: FakePrintOrders) -> None:
    print_orders.issued_pages("demo-univ", "transcript", "ja", 2, 3)
    sign_in(client, "admin@demo-univ.example")
    graduation, transcript, _ = rows(client.get(PAGE).get_data(as_text=True))
    assert "発行実績（90日）: まだありません" in graduation
    assert "中央値 2.5（2通）" in transcript and "中央値 3 を入力" in transcript


def test_the_median_is_typed_into_the_field_and_saved_only_when_staff_save(
        client: FlaskClient, print_orders: FakePrintOrders, catalogue: FakeCatalogueEditor) -> None:
    print_orders.issued_pages("demo-univ", "transcript", "ja", 3, 3, 4)
    sign_in(client, "admin@demo-univ.example")
    answer = client.post(PAGE, data=filled(client, use_observed="1", **TEMPLATES, **{"types-0-fee": "650"}))
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and catalogue.calls == 0
    assert "「成績証明書」のページ数に発行実績の中央値 3 を入れました。まだ保存していません。" in page
    _, transcript, _ = rows(page)
    assert 'name="types-1-pages" type="text" value="3"' in transcript and "below-observed" not in transcript
    assert 'value="650"' in page  # the staff member's other edits stay in the form
    assert [t["pages"] for t in catalogue.catalogue(catalogue_staff())["types"]] == [1, 2]
    # Saved as the form now stands, by the staff member.
    form = {key: value for key, value in re.findall(r'name="(types-\d-(?:pages|fee))" type="text" value="([^"]*)"',
                                                    page)}
    answer = client.post(PAGE, data=filled(client, **TEMPLATES, **form))
    assert answer.status_code == 302
    assert [(t["fee"], t["pages"]) for t in catalogue.catalogue(catalogue_staff())["types"]] == [(650, 1), (500, 3)]


def test_the_editor_works_and_saves_when_print_gateway_does_not_answer(
        client: FlaskClient, print_orders: FakePrintOrders, catalogue: FakeCatalogueEditor,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def down(*_: object) -> None:
        raise ConnectionError("print-gateway is down")

    monkeypatch.setattr(print_orders, "observed_pages", down)
    sign_in(client, "admin@demo-univ.example")
    page = client.get(PAGE)
    assert page.status_code == 200
    assert "発行実績のページ数を取得できませんでした" in page.get_data(as_text=True)
    assert "発行実績（90日）" not in page.get_data(as_text=True)
    answer = client.post(PAGE, data=filled(client, **TEMPLATES, **{"types-1-pages": "4"}))
    assert answer.status_code == 302
    assert [t["pages"] for t in catalogue.catalogue(catalogue_staff())["types"]] == [1, 4]
    # A stale "enter the median" click changes nothing and saves nothing.
    answer = client.post(PAGE, data=filled(client, use_observed="1", **TEMPLATES))
    assert answer.status_code == 200 and catalogue.calls == 1
