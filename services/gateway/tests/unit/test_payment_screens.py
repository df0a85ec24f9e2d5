"""Paying an unpaid order from its page: PayPal (お支払いへ → PayPal's approval page → back to us →
captured, pending or declined; cancel) and Smart Pit (the number, the deadline, the store steps),
with the graduate's mistakes: a double click, the back button after paying, a foreign token."""

from __future__ import annotations

from dataclasses import replace

import pytest
from flask import Flask
from flask.testing import FlaskClient
from gateway_fakes import FakeEnrollment, FakeIdentity
from gateway_forms import csrf, hidden_fields
from order_steps import GRADUATE_SCHOOL, NEW, UNDERGRADUATE, choose, sign_in, up_to_confirmation
from ordering_fakes import FakeOrdering
from payment_fakes import FakePayment


@pytest.fixture
def signed_in(client: FlaskClient, identity: FakeIdentity, enrollment: FakeEnrollment, app: Flask) -> str:
    return sign_in(client, identity, enrollment, UNDERGRADUATE, GRADUATE_SCHOOL)


def place(client: FlaskClient, method: str) -> str:
    choose(client, "/", {"choice": "0"})
    confirmation = up_to_confirmation(client, method=method)
    return str(client.post(f"{NEW}/confirm", data=hidden_fields(confirmation)).headers["Location"])


def to_paypal(client: FlaskClient, order_page: str, form_page: str | None = None) -> str:
    """Press お支払いへ (PayPal) on the order's page: where the browser is sent."""
    started = client.post(f"{order_page}/paypal", data={"csrf_token": csrf(client, form_page or order_page)})
    assert started.status_code == 303, started.get_data(as_text=True)
    return str(started.headers["Location"])


def mark_paid(ordering: FakeOrdering, order_id: str) -> None:
    """Ordering heard PaymentCaptured."""
    tenant, account, order = ordering.placed[order_id]
    ordering.placed[order_id] = (tenant, account, replace(order, status="paid"))


def test_paypal_approved_is_captured_and_the_order_shows_paid(client: FlaskClient, signed_in: str,
                                                              ordering: FakeOrdering, payment: FakePayment) -> None:
    order_page = place(client, "paypal")
    (order_id,) = ordering.placed
    assert "お支払いへ（PayPal）" in client.get(order_page).get_data(as_text=True)
    approval = to_paypal(client, order_page)
    assert approval.startswith("https://www.paypal.com/checkoutnow?token=")
    return_url, cancel_url = payment.payments[order_id].urls
    assert return_url == f"http://localhost{order_page}/paypal/return"  # PayPal sends the browser back to us
    assert cancel_url == f"http://localhost{order_page}/paypal/cancel"

    token = payment.approve(order_id)
    back = client.get(f"{order_page}/paypal/return?token={token}")
    page = back.get_data(as_text=True)
    assert back.status_code == 200 and "お支払いが完了しました" in page
    assert "お支払いへ（PayPal）" not in page and f'href="{order_page}/cancel"' not in page
    assert f'data-refresh-url="{order_page}"' in page  # until ordering has heard PaymentCaptured

    mark_paid(ordering, order_id)
    paid = client.get(order_page).get_data(as_text=True)
    assert "お支払い済み" in paid and "お支払いへ（PayPal）" not in paid and "お支払いが完了しました" not in paid
    assert "印刷の準備をしています" in paid  # paid: now the refresh waits for print-gateway's numbers


def test_only_the_order_pages_may_send_a_form_on_to_paypal(client: FlaskClient, signed_in: str) -> None:
    """Browsers apply CSP form-action to the redirect after a POST: without PayPal's origin there,
    お支払いへ would stop at our page."""
    order_page = place(client, "paypal")
    assert "form-action 'self' https://www.paypal.com;" in client.get(order_page).headers["Content-Security-Policy"]
    assert "form-action 'self';" in client.get("/demo-univ/account/").headers["Content-Security-Policy"]


def test_a_double_clicked_pay_button_sends_to_the_same_paypal_order(client: FlaskClient, signed_in: str,
                                                                    ordering: FakeOrdering,
                                                                    payment: FakePayment) -> None:
    order_page = place(client, "paypal")
    assert to_paypal(client, order_page) == to_paypal(client, order_page)
    (order_id,) = ordering.placed
    assert payment.payments[order_id].attempts == 1


def test_the_back_button_after_paying_captures_nothing_more_and_offers_no_payment(
        client: FlaskClient, signed_in: str, ordering: FakeOrdering, payment: FakePayment) -> None:
    order_page = place(client, "paypal")
    (order_id,) = ordering.placed
    to_paypal(client, order_page)
    token = payment.approve(order_id)
    assert "お支払いが完了しました" in client.get(f"{order_page}/paypal/return?token={token}").get_data(as_text=True)
    again = client.get(f"{order_page}/paypal/return?token={token}")  # back, or reloaded
    assert again.status_code == 200 and "お支払いが完了しました" in again.get_data(as_text=True)
    assert payment.payments[order_id].status == "captured"
    # The order page left open before paying, its button pressed: back to the page, nothing started.
    old_form = client.post(f"{order_page}/paypal", data={"csrf_token": csrf(client, "/demo-univ/account/")})
    assert old_form.status_code == 409 and "お支払い済みです" in old_form.get_data(as_text=True)
    mark_paid(ordering, order_id)
    pressed = client.post(f"{order_page}/paypal", data={"csrf_token": csrf(client, "/demo-univ/account/")})
    assert pressed.status_code == 303 and pressed.headers["Location"] == order_page
    assert payment.calls.count(f"start_paypal {order_id}") == 2  # the first start and the old page's press


def test_returning_with_another_payments_token_captures_nothing(client: FlaskClient, signed_in: str,
                                                                ordering: FakeOrdering, payment: FakePayment) -> None:
    order_page = place(client, "paypal")
    (order_id,) = ordering.placed
    to_paypal(client, order_page)
    payment.approve(order_id)
    foreign = client.get(f"{order_page}/paypal/return?token=SOMEONEELSES0001")
    assert foreign.status_code == 409 and "一致しません" in foreign.get_data(as_text=True)
    missing = client.get(f"{order_page}/paypal/return")
    assert missing.status_code == 400 and "一致しません" in missing.get_data(as_text=True)
    assert payment.payments[order_id].status == "created"
    assert "お支払いへ（PayPal）" in foreign.get_data(as_text=True)  # may pay from here again


def test_another_graduates_order_is_not_found_whatever_the_token(client: FlaskClient, signed_in: str,
                                                                 ordering: FakeOrdering,
                                                                 payment: FakePayment) -> None:
    order_page = place(client, "paypal")
    (order_id,) = ordering.placed
    to_paypal(client, order_page)
    token = payment.approve(order_id)
    tenant, _account, order = ordering.placed[order_id]
    ordering.placed[order_id] = (tenant, "someone-else", order)
    assert client.get(f"{order_page}/paypal/return?token={token}").status_code == 404
    assert payment.payments[order_id].status == "created"


def test_cancelled_at_paypal_the_order_may_be_paid_again(client: FlaskClient, signed_in: str,
                                                         ordering: FakeOrdering, payment: FakePayment) -> None:
    order_page = place(client, "paypal")
    to_paypal(client, order_page)
    cancelled = client.get(f"{order_page}/paypal/cancel").get_data(as_text=True)
    assert "PayPalでのお支払いを中止しました" in cancelled and "お支払いへ（PayPal）" in cancelled
    assert "お支払い待ち" in cancelled


def test_a_declined_card_says_so_and_the_next_try_is_a_new_paypal_order(
        client: FlaskClient, signed_in: str, ordering: FakeOrdering, payment: FakePayment) -> None:
    order_page = place(client, "paypal")
    (order_id,) = ordering.placed
    first = to_paypal(client, order_page)
    token = payment.approve(order_id, "declined")
    declined = client.get(f"{order_page}/paypal/return?token={token}")
    page = declined.get_data(as_text=True)
    assert "PayPalでのお支払いができませんでした" in page and "スマートピット" in page
    assert "お支払いへ（PayPal）" in page and f'href="{order_page}/cancel"' in page
    second = to_paypal(client, order_page)
    assert second != first
    ok = client.get(f"{order_page}/paypal/return?token={payment.approve(order_id)}").get_data(as_text=True)
    assert "お支払いが完了しました" in ok


def test_a_declined_card_switches_to_smart_pit_once_by_a_double_click_and_back_while_unpaid(
        client: FlaskClient, signed_in: str, ordering: FakeOrdering, payment: FakePayment) -> None:
    order_page = place(client, "paypal")
    (order_id,) = ordering.placed
    first = to_paypal(client, order_page)
    declined = client.get(f"{order_page}/paypal/return?token={payment.approve(order_id, 'declined')}")
    page = declined.get_data(as_text=True)
    assert "コンビニ払い（スマートピット）に変更" in page and f'action="{order_page}/payment-method"' in page
    token = csrf(client, order_page)
    forged = client.post(f"{order_page}/payment-method", data={"payment_method": "smartpit"})  # no CSRF token
    assert forged.status_code in (303, 400) and ordering.placed[order_id][2].payment_method == "paypal"

    for _click in range(2):  # a double click
        switched = client.post(f"{order_page}/payment-method", data={"csrf_token": token, "payment_method": "smartpit"})
        assert switched.status_code == 303 and switched.headers["Location"].endswith(order_page)
    order = ordering.placed[order_id][2]
    assert order.payment_method == "smartpit"
    assert [entry.event for entry in order.history].count("OrderPaymentMethodChanged") == 1
    page = client.get(order_page).get_data(as_text=True)
    assert "スマートピット番号（13桁）" in page and "お支払いへ（PayPal）" not in page
    assert "PayPalでのお支払いに変更" in page

    back = client.post(f"{order_page}/payment-method", data={"csrf_token": token, "payment_method": "paypal"})
    assert back.status_code == 303
    page = client.get(order_page).get_data(as_text=True)
    assert "お支払いへ（PayPal）" in page and "スマートピット番号（13桁）" not in page
    assert to_paypal(client, order_page) != first  # a new PayPal order, never the one left behind


def test_a_paid_order_keeps_its_payment_method(client: FlaskClient, signed_in: str, ordering: FakeOrdering,
                                               payment: FakePayment) -> None:
    order_page = place(client, "smartpit")
    (order_id,) = ordering.placed
    token = csrf(client, order_page)
    mark_paid(ordering, order_id)
    refused = client.post(f"{order_page}/payment-method", data={"csrf_token": token, "payment_method": "paypal"})
    assert refused.status_code == 409 and "お支払い方法を変更できません" in refused.get_data(as_text=True)
    assert ordering.placed[order_id][2].payment_method == "smartpit"


def test_a_capture_left_pending_says_it_is_being_reviewed(client: FlaskClient, signed_in: str,
                                                          ordering: FakeOrdering, payment: FakePayment) -> None:
    order_page = place(client, "paypal")
    (order_id,) = ordering.placed
    to_paypal(client, order_page)
    pending = client.get(f"{order_page}/paypal/return?token={payment.approve(order_id, 'pending')}")
    assert "確認中" in pending.get_data(as_text=True)
    later = client.get(order_page).get_data(as_text=True)
    assert "確認中" in later and "お支払いへ（PayPal）" not in later


def test_payment_not_yet_heard_is_shown_as_preparing_at_once_never_waited_for(
        client: FlaskClient, signed_in: str, ordering: FakeOrdering, payment: FakePayment) -> None:
    order_page = place(client, "paypal")
    payment.deaf_for = 99  # payment has not heard OrderPlaced yet
    preparing = client.post(f"{order_page}/paypal", data={"csrf_token": csrf(client, "/demo-univ/account/")})
    page = preparing.get_data(as_text=True)
    assert preparing.status_code == 200 and "お支払いの準備をしています" in page
    assert f'data-refresh-url="{order_page}"' in page  # the page refreshes itself (GET, not the POST)
    starts = [call for call in payment.calls if call.startswith("start_paypal")]
    assert len(starts) == 1  # asked once: no retries, no sleeping in the request

    payment.deaf_for = 0  # heard meanwhile: お支払いへ on the refreshed page goes to PayPal
    assert to_paypal(client, order_page, "/demo-univ/account/").startswith("https://www.paypal.com/")


def test_smartpit_shows_the_number_the_deadline_and_the_store_steps(
        client: FlaskClient, signed_in: str, ordering: FakeOrdering, payment: FakePayment) -> None:
    order_page = place(client, "smartpit")
    (order_id,) = ordering.placed
    page = client.get(order_page).get_data(as_text=True)
    number = payment.payments[order_id].smartpit_number
    assert len(number) == 13 and number.isdigit() and f'<dd class="smartpit-number">{number}</dd>' in page
    assert "2026年4月7日（火）23:59" in page and "店頭端末" in page and "申込券" in page and "レジ" in page
    assert "お支払いへ（PayPal）" not in page
    assert number in client.get(order_page).get_data(as_text=True)  # the same number every time

    payment.pay_at_store(order_id)
    settling = client.get(order_page).get_data(as_text=True)
    assert "お支払いが完了しました" in settling and number not in settling
    mark_paid(ordering, order_id)
    assert "お支払い済み" in client.get(order_page).get_data(as_text=True)


def test_smartpit_not_yet_heard_shows_preparing(client: FlaskClient, signed_in: str, payment: FakePayment) -> None:
    order_page = place(client, "smartpit")
    payment.deaf_for = 1
    page = client.get(order_page).get_data(as_text=True)
    assert "お支払いの準備をしています" in page and "smartpit-number" not in page


def test_paying_in_english(client: FlaskClient, signed_in: str, ordering: FakeOrdering, payment: FakePayment) -> None:
    client.get("/demo-univ/account/?lang=en")
    order_page = place(client, "smartpit")
    page = client.get(order_page).get_data(as_text=True)
    assert "Smart Pit number (13 digits)" in page and "payment slip" in page
    other = place(client, "paypal")
    (_smartpit, order_id) = ordering.placed
    assert "Pay (PayPal)" in client.get(other).get_data(as_text=True)
    to_paypal(client, other)
    declined = client.get(f"{other}/paypal/return?token={payment.approve(order_id, 'declined')}")
    assert "did not go through" in declined.get_data(as_text=True)
    assert "You cancelled the payment" in client.get(f"{other}/paypal/cancel").get_data(as_text=True)


def test_pay_without_the_pages_token_is_refused(client: FlaskClient, signed_in: str, payment: FakePayment) -> None:
    order_page = place(client, "paypal")
    assert client.post(f"{order_page}/paypal").status_code == 400
    assert not any(call.startswith("start_paypal") for call in payment.calls)


def test_an_approve_link_not_at_the_configured_paypal_is_not_followed(
        client: FlaskClient, signed_in: str, ordering: FakeOrdering, payment: FakePayment,
        monkeypatch: pytest.MonkeyPatch) -> None:
    order_page = place(client, "paypal")
    real_start = payment.start_paypal
    for foreign in ("https://www.paypal.com.evil.example/checkoutnow?token=T", "http://www.paypal.com/checkoutnow",
                    "https://www.paypal.com:8443/checkoutnow", "//evil.example/checkoutnow",
                    "https://user@evil.example/?https://www.paypal.com/"):
        monkeypatch.setattr(payment, "start_paypal", lambda *args, url=foreign: url)
        refused = client.post(f"{order_page}/paypal", data={"csrf_token": csrf(client, "/demo-univ/account/")})
        assert refused.status_code == 502 and "Location" not in refused.headers, foreign
        assert "PayPalでのお支払いを開始できませんでした" in refused.get_data(as_text=True)
    monkeypatch.setattr(payment, "start_paypal", real_start)
    assert to_paypal(client, order_page, "/demo-univ/account/").startswith("https://www.paypal.com/checkoutnow")
