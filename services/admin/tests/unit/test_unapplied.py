"""「入金済み・未充当（要返金）」 and the orders whose payment was taken back, on fakes of
ordering's staff API: listed with amount, order, graduate and when; refunded by bank transfer
with a reason, once per double click, by registrars only; the reversed order flagged."""

from __future__ import annotations

import hashlib
import re

import pytest
from admin_fakes import NOW, FakeOrders, FakeReviews
from flask.testing import FlaskClient
from unit.test_console import sign_in

LIST = "/demo-univ/unapplied-payments"
ACTION = "/demo-univ/orders/order-late/unapplied-payments/pay-order-late/transfer-refund"
PREFIX = "p" + hashlib.sha256(b"pay-order-late").hexdigest()[:10]


@pytest.fixture
def late(orders: FakeOrders) -> FakeOrders:
    orders.add("demo-univ", "order-late", "S1000009", "expired", NOW)
    orders.add_unapplied("demo-univ", "order-late", 1700)
    orders.add("other-univ", "order-other", "S2000001", "expired", NOW)
    orders.add_unapplied("other-univ", "order-other", 900)
    return orders


def token(page: str) -> str:
    return re.search(r'name="[^"]*csrf_token"[^>]*value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def test_the_list_shows_the_money_and_a_registrar_records_one_transfer_refund(client: FlaskClient,
                                                                             late: FakeOrders,
                                                                             reviews: FakeReviews) -> None:
    reviews.add_decided("demo-univ", "app-9", "山田 花子", "approved", NOW, student_number="S1000009")
    sign_in(client, "registrar@demo-univ.example")
    page = client.get(LIST).get_data(as_text=True)
    assert "1,700円" in page and "order-late" in page and "山田 花子（S1000009）" in page and "支払期限後の入金" in page
    assert "order-other" not in page  # another university's money
    csrf = token(page)

    refused = client.post(ACTION, data={f"{PREFIX}-csrf_token": csrf, f"{PREFIX}-reason": " "})
    assert refused.status_code == 400 and f'id="{PREFIX}-reason-error"' in refused.get_data(as_text=True)
    for _click in range(2):  # a double click
        answer = client.post(ACTION, data={f"{PREFIX}-csrf_token": csrf, f"{PREFIX}-reason": "4/10 振込済み"})
        assert answer.status_code == 302 and answer.headers["Location"].endswith("recorded=1")
    assert late.transfer_refunds == [("pay-order-late", "staff-registrar@demo-univ.example", "4/10 振込済み")]
    page = client.get(LIST + "?recorded=1").get_data(as_text=True)
    assert "銀行振込での返金を記録しました" in page and "未充当の入金はありません" in page


def test_reviewers_see_the_list_without_the_action_and_cannot_post_it(client: FlaskClient,
                                                                     late: FakeOrders) -> None:
    sign_in(client, "reviewer@demo-univ.example")
    page = client.get(LIST).get_data(as_text=True)
    assert "order-late" in page and "銀行振込で返金済みにする" not in page
    answer = client.post(ACTION, data={f"{PREFIX}-csrf_token": token(page), f"{PREFIX}-reason": "x"})
    assert answer.status_code == 403 and late.transfer_refunds == []


def test_an_order_whose_payment_was_taken_back_is_flagged_and_found_by_the_filter(
        client: FlaskClient, orders: FakeOrders) -> None:
    orders.add("demo-univ", "order-rev", "S1000003", "placed", NOW, reversed_at=NOW)
    orders.add("demo-univ", "order-fine", "S1000004", "paid", NOW)
    sign_in(client, "reviewer@demo-univ.example")
    page = client.get("/demo-univ/orders?alert=payment_reversed").get_data(as_text=True)
    assert "order-rev" in page and "order-fine" not in page and "入金取消・要確認" in page
    detail = client.get("/demo-univ/orders/order-rev").get_data(as_text=True)
    assert 'role="alert"' in detail and "速報取消" in detail and "お支払い待ちに戻っています" in detail
