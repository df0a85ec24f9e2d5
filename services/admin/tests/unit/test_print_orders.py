"""Print operations in the console (issue 10), on a fake of print-gateway's staff API: the list by
state with the failure reason in words (ja, or en when the staff member chose English), an order's
printing page linked from the order page, the retry of a failed one (registrars; CSRF; a double
click retries once), and the alert count in the navigation."""

from __future__ import annotations

import re

import pytest
from admin_fakes import FakeOrders
from flask.testing import FlaskClient
from print_order_fakes import FakePrintOrders
from unit.test_console import sign_in

from shomei_admin.entrypoints.presentation import PRINT_REASON

REASONS = ("record_incomplete", "mix_up", "record_not_found", "template_unknown", "provider_unavailable",
           "paid_back_after_print")


def token_of(html: str) -> dict[str, str]:
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert token is not None
    return {"csrf_token": token.group(1)}


@pytest.mark.parametrize("reason", REASONS)
def test_every_reason_is_worded_in_japanese_and_english(reason: str) -> None:
    ja, en = PRINT_REASON[reason]
    assert ja and en and ja != en and reason not in ja + en


def test_the_list_filters_by_state_and_words_the_reason(client: FlaskClient, print_orders: FakePrintOrders) -> None:
    print_orders.failed("demo-univ", "order-failed", "record_incomplete")
    print_orders.waiting("demo-univ", "order-waiting")
    print_orders.issued("demo-univ", "order-issued")
    print_orders.issued("demo-univ", "order-paid-back", printed=1, alert="paid_back_after_print")
    print_orders.failed("other-univ", "order-other")
    sign_in(client, "auditor@demo-univ.example")
    needing = client.get("/demo-univ/print-orders").get_data(as_text=True)
    assert all(f"order-{name}" in needing for name in ("failed", "waiting", "paid-back"))
    assert "order-issued" not in needing and "order-other" not in needing
    assert PRINT_REASON["record_incomplete"][0] in needing and PRINT_REASON["paid_back_after_print"][0] in needing
    failed = client.get("/demo-univ/print-orders?state=failed").get_data(as_text=True)
    assert "order-failed" in failed and "order-paid-back" in failed and "order-waiting" not in failed
    issued = client.get("/demo-univ/print-orders?state=issued").get_data(as_text=True)
    assert "order-issued" in issued and "order-failed" not in issued
    assert client.get("/demo-univ/print-orders?state=nonsense").status_code == 404
    # The navigation counts what wants staff: the failed order and the alert.
    assert re.search(r'class="count" aria-label="要対応 2件">2<', needing)
    token = token_of(needing)
    client.post("/demo-univ/language", data={**token, "language": "en", "next": "/demo-univ/print-orders"})
    english = client.get("/demo-univ/print-orders?state=failed").get_data(as_text=True)
    assert PRINT_REASON["record_incomplete"][1] in english


def test_the_order_page_links_its_printing_page(client: FlaskClient, orders: FakeOrders,
                                                 print_orders: FakePrintOrders) -> None:
    order_id = "order-7"
    orders.add("demo-univ", order_id, "S1000001", "paid")
    print_orders.issued("demo-univ", order_id, printed=1)
    sign_in(client, "auditor@demo-univ.example")
    order_page = client.get(f"/demo-univ/orders/{order_id}").get_data(as_text=True)
    assert f'href="/demo-univ/print-orders/{order_id}"' in order_page
    printing = client.get(f"/demo-univ/print-orders/{order_id}").get_data(as_text=True)
    assert "1 / 2部" in printing and "AB000001" in printing and "印刷済み" in printing and "未印刷" in printing
    assert 'class="retry"' not in printing  # issued: nothing to retry
    assert client.get("/demo-univ/print-orders/order-unknown").status_code == 404


def test_a_registrar_retries_a_failed_order_once(client: FlaskClient, print_orders: FakePrintOrders) -> None:
    print_orders.failed("demo-univ", "order-7", "provider_unavailable")
    sign_in(client, "registrar@demo-univ.example")
    page = client.get("/demo-univ/print-orders/order-7").get_data(as_text=True)
    assert 'class="retry"' in page and PRINT_REASON["provider_unavailable"][0] in page
    assert client.post("/demo-univ/print-orders/order-7/retry").status_code == 400  # no CSRF token
    form = token_of(page)
    first = client.post("/demo-univ/print-orders/order-7/retry", data=form)
    second = client.post("/demo-univ/print-orders/order-7/retry", data=form)  # the double click
    assert first.headers["Location"].endswith("outcome=queued")
    assert second.headers["Location"].endswith("outcome=already")
    retried = client.get(second.headers["Location"]).get_data(as_text=True)
    assert "すでに受け付けられています" in retried and 'class="retry"' not in retried
    [(_, detail)] = print_orders.orders.values()
    assert [event.what for event in detail.history] == ["PrintReservationFailed", "PrintRetryRequested"]


def test_only_registrars_retry(client: FlaskClient, print_orders: FakePrintOrders) -> None:
    print_orders.failed("demo-univ", "order-7")
    sign_in(client, "auditor@demo-univ.example")
    page = client.get("/demo-univ/print-orders/order-7").get_data(as_text=True)
    assert 'class="retry"' not in page
    assert client.post("/demo-univ/print-orders/order-7/retry", data=token_of(page)).status_code == 403


def test_pages_stand_when_print_gateway_does_not_answer(client: FlaskClient, print_orders: FakePrintOrders,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def down(*_: object) -> int:
        raise ConnectionError("print-gateway is down")

    monkeypatch.setattr(print_orders, "alerts", down)
    sign_in(client, "auditor@demo-univ.example")
    answer = client.get("/demo-univ/orders")
    assert answer.status_code == 200 and 'class="count"' not in answer.get_data(as_text=True)
