"""Refunds from an order's page, on a fake of payment's staff API."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from admin_fakes import NOW, FakeOrders, FakePayments
from flask.testing import FlaskClient
from unit.test_console import sign_in

ORDER = "/demo-univ/orders/order-paid"


@pytest.fixture
def paid(orders: FakeOrders, payments: FakePayments) -> FakePayments:
    orders.add("demo-univ", "order-paid", "S1000001", "paid", NOW)
    payments.add("demo-univ", "order-paid")
    payments.deadlines["pay-order-paid"] = NOW + timedelta(days=6)
    return payments


def refund_form(client: FlaskClient) -> dict[str, str]:
    page = client.get(ORDER).get_data(as_text=True)
    form = page[page.index('class="refund"'):]
    return {name: re.search(rf'name="{name}"[^>]*value="([^"]*)"', form).group(1)  # type: ignore[union-attr]
            for name in ("csrf_token", "request_key", "amount")}


def post(client: FlaskClient, form: dict[str, str], **changes: str) -> tuple[int, str, str]:
    answer = client.post(f"{ORDER}/payments/pay-order-paid/refunds", data={**form, "reason": "二重申請", **changes})
    return answer.status_code, answer.headers.get("Location", ""), answer.get_data(as_text=True)


def test_a_registrar_refunds_part_then_the_rest(client: FlaskClient, paid: FakePayments) -> None:
    sign_in(client, "registrar@demo-univ.example")
    form = refund_form(client)
    assert form["amount"] == "1500"  # what is left, proposed
    status, location, _ = post(client, form, amount="500")
    assert status == 302 and location.endswith("/demo-univ/orders/order-paid?refunded=500")
    page = client.get(ORDER + "?refunded=500").get_data(as_text=True)
    assert "500円を返金しました" in page and "返金済み: 500円" in page and "残り 1,000円まで" in page
    status, _, _ = post(client, refund_form(client), amount="1000")
    assert status == 302
    page = client.get(ORDER).get_data(as_text=True)
    assert "返金済" in page and 'class="refund"' not in page  # nothing left to refund


def test_a_double_click_is_one_refund(client: FlaskClient, paid: FakePayments) -> None:
    sign_in(client, "registrar@demo-univ.example")
    form = refund_form(client)
    assert post(client, form, amount="300")[0] == 302
    assert post(client, form, amount="300")[0] == 302  # the same form again
    assert len(paid.refunds) == 1
    assert "返金済み: 300円" in client.get(ORDER).get_data(as_text=True)


def test_more_than_is_left_or_no_reason_is_shown_at_the_fields(client: FlaskClient, paid: FakePayments) -> None:
    sign_in(client, "registrar@demo-univ.example")
    form = refund_form(client)
    status, _, page = post(client, form, amount="1501", reason=" ")
    assert status == 400 and 'id="reason-error">入力してください。' in page
    status, _, page = post(client, form, amount="1501")
    assert status == 400 and 'id="amount-error">返金額は1〜1500円' in page
    status, _, page = post(client, form, amount="千円")
    assert status == 400 and 'id="amount-error">返金額を半角数字' in page
    assert paid.refunds == {}


def test_after_the_print_deadline_only_with_a_reason_for_it(client: FlaskClient, paid: FakePayments) -> None:
    paid.deadlines["pay-order-paid"] = NOW - timedelta(minutes=1)
    sign_in(client, "registrar@demo-univ.example")
    form = refund_form(client)
    status, _, page = post(client, form, amount="1500")
    assert status == 400 and 'id="override_reason-error">印刷期限を過ぎた注文です' in page
    status, _, _ = post(client, form, amount="1500", override_reason="大学の不備で印刷できなかったため")
    assert status == 302 and len(paid.refunds) == 1


def test_reviewers_see_no_refund_form_and_cannot_post_one(client: FlaskClient, paid: FakePayments) -> None:
    sign_in(client, "registrar@demo-univ.example")
    form = refund_form(client)
    client.post("/demo-univ/logout", data={"csrf_token": form["csrf_token"]})
    sign_in(client, "reviewer@demo-univ.example")
    page = client.get(ORDER).get_data(as_text=True)
    assert 'class="refund"' not in page and "入金済" in page
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    status, _, _ = post(client, {**form, "csrf_token": token}, amount="100")
    assert status == 403 and paid.refunds == {}
