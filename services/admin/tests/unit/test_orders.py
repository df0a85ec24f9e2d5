"""The order search and an order's page, on fakes of ordering and payment."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from admin_fakes import FakeOrders, FakePayments, FakeReviews
from flask.testing import FlaskClient
from unit.test_console import sign_in

from shomei_admin.service_layer.ports import OrderFilter

APRIL_1 = datetime(2026, 4, 1, 3, 0, tzinfo=UTC)  # 12:00 JST
APRIL_5 = datetime(2026, 4, 5, 3, 0, tzinfo=UTC)


@pytest.fixture
def signed_in(client: FlaskClient, orders: FakeOrders, payments: FakePayments) -> FlaskClient:
    orders.add("demo-univ", "order-old", "S1000001", "paid", APRIL_1)
    orders.add("demo-univ", "order-new", "S1000002", "placed", APRIL_5)
    orders.add("other-univ", "order-other", "S1000001", "paid", APRIL_5)
    payments.add("demo-univ", "order-old")
    payments.add("other-univ", "order-other")
    assert sign_in(client, "reviewer@demo-univ.example") == 302
    return client


def test_every_staff_member_finds_the_menu_and_an_empty_search_lists_the_newest_orders(
        signed_in: FlaskClient) -> None:
    assert 'href="/demo-univ/orders"' in signed_in.get("/demo-univ/").get_data(as_text=True)
    answer = signed_in.get("/demo-univ/orders?order_id=&student_number=&status=&first_day=&last_day=")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "条件の指定がないため" in page
    assert page.index("order-new") < page.index("order-old") and "order-other" not in page


def test_search_by_student_number_status_and_days(signed_in: FlaskClient, orders: FakeOrders) -> None:
    page = signed_in.get("/demo-univ/orders?student_number=+S1000001+").get_data(as_text=True)
    assert "order-old" in page and "order-new" not in page and "条件の指定がない" not in page
    assert orders.searches[-1] == OrderFilter(student_number="S1000001")  # spaces typed around it are dropped
    page = signed_in.get("/demo-univ/orders?status=placed").get_data(as_text=True)
    assert "order-new" in page and "order-old" not in page
    page = signed_in.get("/demo-univ/orders?first_day=2026-04-02&last_day=2026-04-30").get_data(as_text=True)
    assert "order-new" in page and "order-old" not in page


def test_bad_dates_are_named_at_their_field_and_nothing_is_asked(signed_in: FlaskClient,
                                                                 orders: FakeOrders) -> None:
    answer = signed_in.get("/demo-univ/orders?first_day=4/1")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400 and 'id="first_day-error"' in page and "YYYY-MM-DD" in page
    answer = signed_in.get("/demo-univ/orders?first_day=2026-04-30&last_day=2026-04-01")
    assert answer.status_code == 400 and 'id="last_day-error"' in answer.get_data(as_text=True)
    assert orders.searches == []


def test_a_date_ordering_refuses_is_shown_at_its_field(signed_in: FlaskClient) -> None:
    # 2026-02-30 has the shape of a date; ordering names the field it refuses.
    answer = signed_in.get("/demo-univ/orders?first_day=2026-02-30")
    assert answer.status_code == 400
    assert 'id="first_day-error">Not a valid date.' in answer.get_data(as_text=True)


def test_an_order_shows_its_history_and_its_payment_messages(signed_in: FlaskClient) -> None:
    page = signed_in.get("/demo-univ/orders/order-old").get_data(as_text=True)
    assert "卒業証明書 × 2部" in page and "支払済" in page
    # The order's events with their correlation, then the provider's messages of its payment.
    assert "申請（注文）" in page and "corr-order-old" in page and "corr-pay-order-old" in page
    assert "入金済" in page and "capture_id: CAP-order-old" in page
    assert "この注文の支払いはまだ記録されていません" in signed_in.get("/demo-univ/orders/order-new").get_data(
        as_text=True)


def test_another_universitys_order_is_not_found(signed_in: FlaskClient) -> None:
    answer = signed_in.get("/demo-univ/orders/order-other")
    assert answer.status_code == 404 and "S1000001" not in answer.get_data(as_text=True)


def test_signed_out_visitors_go_to_the_login(client: FlaskClient) -> None:
    assert client.get("/demo-univ/orders").headers["Location"].startswith("/demo-univ/login")
    assert client.get("/demo-univ/orders/order-old").headers["Location"].startswith("/demo-univ/login")


def test_search_by_name_or_email_finds_the_graduates_orders_through_enrollment(
        signed_in: FlaskClient, reviews: FakeReviews) -> None:
    reviews.add_decided("demo-univ", "app-1", "山田 花子", "approved", APRIL_1, email="hanako@example.jp",
                        kana="ヤマダ ハナコ", student_number="S1000001")
    reviews.add_decided("demo-univ", "app-2", "山田 次郎", "rejected", APRIL_1, student_number="S1000002")
    for text in ("山田花子", "HANAKO@example.jp", "ハナコ"):
        page = signed_in.get(f"/demo-univ/orders?person={text}").get_data(as_text=True)
        assert "order-old" in page and "order-new" not in page, text
    # A rejected application names no graduate of ours; other universities' orders never show.
    page = signed_in.get("/demo-univ/orders?person=次郎").get_data(as_text=True)
    assert "0件" in page and "order-other" not in page
    page = signed_in.get("/demo-univ/orders?person=山田&status=placed").get_data(as_text=True)
    assert "0件" in page
