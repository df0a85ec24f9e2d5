"""証明書を発行 and 申請履歴 with identity, enrollment and ordering faked: the way through, and the
mistakes people make on each screen (nothing chosen, too many or no copies, letters for numbers,
a type the student number may not order, the back button, a stale page, a double 申請)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from flask.testing import FlaskClient
from gateway_fakes import FakeEnrollment, FakeIdentity
from gateway_forms import hidden_fields, post
from order_steps import GRADUATE_SCHOOL, NEW, UNDERGRADUATE, choose, sign_in, up_to_confirmation
from ordering_fakes import FakeOrdering

from shomei_gateway.service_layer.ports import Profile


def at_field(html: str, name: str) -> str:
    found = re.search(rf'<p class="error" id="e-{name}">([^<]*)</p>', html)
    return found.group(1) if found else ""


@pytest.fixture
def two_numbers(client: FlaskClient, identity: FakeIdentity, enrollment: FakeEnrollment) -> str:
    return sign_in(client, identity, enrollment, UNDERGRADUATE, GRADUATE_SCHOOL)


def test_the_whole_order_ends_on_the_unpaid_orders_page(client: FlaskClient, two_numbers: str,
                                                        ordering: FakeOrdering) -> None:
    menu = client.get("/demo-univ/account/").get_data(as_text=True)
    assert "証明書を発行" in menu and "申請履歴" in menu
    numbers = client.get(f"{NEW}/").get_data(as_text=True)
    assert "L08001" in numbers and "G14007" in numbers
    assert choose(client, "/", {"choice": "0"}).headers["Location"] == f"{NEW}/store"
    stores = client.get(f"{NEW}/store").get_data(as_text=True)
    assert "セブン-イレブン（ネットプリント）" in stores and "ファミリーマート・ローソン" in stores
    assert choose(client, "/store", {"choice": "netprint"}).headers["Location"] == f"{NEW}/certificates"
    types = client.get(f"{NEW}/certificates").get_data(as_text=True)
    # 学部 and 卒業: the undergraduate's certificates with fee, pages and the print estimate; not 修了証明書.
    assert "卒業証明書" in types and "修了証明書" not in types
    assert "手数料 500円／部・2ページ・印刷料金の目安 40円／部" in types  # 成績証明書 at 20 yen a page
    confirmation = up_to_confirmation(client)
    assert "1,700円" in confirmation  # 500 × 3 + 200
    assert "お支払い期限・印刷期限：2026年4月7日（火）23:59" in confirmation  # ordered on 4/1, the clock's day
    assert "厳封" in confirmation and "PayPal" not in confirmation.split("<main")[1].split("</dl>")[0]

    placed = client.post(f"{NEW}/confirm", data=hidden_fields(confirmation))
    (order_id,) = ordering.placed
    assert placed.headers["Location"] == f"/demo-univ/orders/{order_id}"
    request = ordering.placed[order_id][2]
    assert (request.student_number, request.print_channel, request.payment_method) == ("L08001", "netprint", "smartpit")
    page = client.get(placed.headers["Location"]).get_data(as_text=True)
    assert "お支払い待ち" in page and "1,700円" in page
    assert "お支払い期限・印刷期限：2026年4月7日（火）23:59" in page
    assert "2026年4月1日 10:00" in page and "申請" in page  # its history, in Japan time
    assert "smartpit-number" in page and "お支払いへ（PayPal）" not in page  # a Smart Pit order: its number

    listed = client.get("/demo-univ/orders/").get_data(as_text=True)
    assert "お支払い待ち" in listed and "1,700円" in listed and "2026年4月7日（火）23:59" in listed


def test_the_graduate_schools_number_is_sent_with_its_status_and_programme(
        client: FlaskClient, two_numbers: str, ordering: FakeOrdering) -> None:
    choose(client, "/", {"choice": "1"})
    choose(client, "/store", {"choice": "sharp"})
    types = client.get(f"{NEW}/certificates").get_data(as_text=True)
    assert "修了証明書" in types and "卒業証明書（英文）" not in types
    confirmation = up_to_confirmation(client, {"copies_completion": "1"}, method="paypal")
    client.post(f"{NEW}/confirm", data=hidden_fields(confirmation))
    (placed,) = (order for _t, _a, order in ordering.placed.values())
    assert placed.student_number == "G14007" and placed.lines[0].type == "completion"


@pytest.mark.parametrize(("lines", "field", "reason"), [
    ({}, "lines", "証明書を1種類以上選び、部数を入力してください。"),
    ({"copies_graduation": "0", "copies_transcript": ""}, "lines", "証明書を1種類以上選び、部数を入力してください。"),
    ({"copies_graduation": "20", "copies_transcript": "1"}, "lines", "合計20部までです（現在21部）"),
    ({"copies_graduation": "21"}, "copies_graduation", "部数は0〜20部で入力してください。"),
    ({"copies_graduation": "二"}, "copies_graduation", "部数は半角数字で入力してください。"),
    ({"copies_graduation": "２"}, "copies_graduation", "部数は半角数字で入力してください。"),
    ({"copies_graduation": "-1"}, "copies_graduation", "部数は半角数字で入力してください。"),
    ({"copies_completion": "1"}, "lines", "修了証明書はお申し込みいただけません。"),  # 大学院 only
])
def test_each_mistake_on_the_certificates_screen_is_said_at_its_input(
        client: FlaskClient, two_numbers: str, lines: dict[str, str], field: str, reason: str) -> None:
    choose(client, "/", {"choice": "0"})
    choose(client, "/store", {"choice": "netprint"})
    page = choose(client, "/certificates", lines)
    assert page.status_code == 200 and "Location" not in page.headers
    html = page.get_data(as_text=True)
    assert reason in at_field(html, field) and f'href="#f-{field}"' in html
    if field != "lines":
        assert f'value="{lines[field]}"' in html  # what was typed stays, to be corrected


@pytest.mark.parametrize("step", ["/", "/store", "/payment"])
def test_nothing_chosen_or_a_choice_not_offered_is_said_at_the_choice(client: FlaskClient, two_numbers: str,
                                                                     step: str) -> None:
    if step != "/":
        choose(client, "/", {"choice": "0"})
        choose(client, "/store", {"choice": "netprint"})
        choose(client, "/certificates", {"copies_graduation": "1"})
    for sent in ({}, {"choice": "cash"}, {"choice": "7"}):
        html = choose(client, step, sent).get_data(as_text=True)
        assert at_field(html, "choice").endswith("選んでください。")


def test_a_step_reached_out_of_order_starts_at_the_first_one_not_done(client: FlaskClient, two_numbers: str,
                                                                       ordering: FakeOrdering) -> None:
    assert client.get(f"{NEW}/confirm").headers["Location"] == f"{NEW}/"
    assert client.get(f"{NEW}/certificates").headers["Location"] == f"{NEW}/"
    choose(client, "/", {"choice": "0"})
    assert client.get(f"{NEW}/payment").headers["Location"] == f"{NEW}/store"
    assert ordering.placed == {}


def test_a_double_clicked_or_resent_application_places_one_order(client: FlaskClient, two_numbers: str,
                                                                ordering: FakeOrdering) -> None:
    choose(client, "/", {"choice": "0"})
    confirmation = up_to_confirmation(client)
    reloaded = client.get(f"{NEW}/confirm").get_data(as_text=True)
    assert hidden_fields(reloaded)["idempotency_key"] == hidden_fields(confirmation)["idempotency_key"]
    before = dict(client._cookies)  # the second click leaves before the first one's answer arrives
    first = client.post(f"{NEW}/confirm", data=hidden_fields(confirmation))
    after = dict(client._cookies)
    client._cookies.clear()
    client._cookies.update(before)
    raced = client.post(f"{NEW}/confirm", data=hidden_fields(confirmation))
    client._cookies.clear()
    client._cookies.update(after)
    again = client.post(f"{NEW}/confirm", data=hidden_fields(confirmation))  # reloaded after the answer
    assert first.headers["Location"] == raced.headers["Location"] == again.headers["Location"]
    assert len(ordering.placed) == 1


def test_a_confirmation_left_open_while_the_choices_changed_is_shown_again_not_placed(
        client: FlaskClient, two_numbers: str, ordering: FakeOrdering) -> None:
    choose(client, "/", {"choice": "0"})
    old = up_to_confirmation(client)
    choose(client, "/certificates", {"copies_graduation": "5"})  # the back button, another count
    stale = client.post(f"{NEW}/confirm", data=hidden_fields(old))
    assert stale.status_code == 400 and ordering.placed == {}
    html = stale.get_data(as_text=True)
    assert "お申し込み内容が変更されています" in html and "2,700円" in html  # 500 × 5 + 200, as now chosen
    client.post(f"{NEW}/confirm", data=hidden_fields(html))
    (order,) = (o for _t, _a, o in ordering.placed.values())
    assert order.copies == 5


def test_past_midnight_the_confirmation_is_shown_again_with_the_new_deadline_not_placed(
        client: FlaskClient, two_numbers: str, ordering: FakeOrdering) -> None:
    ordering.now = datetime(2026, 4, 1, 14, 59, 30, tzinfo=UTC)  # 23:59:30 JST by ordering's clock
    choose(client, "/", {"choice": "0"})
    confirmation = up_to_confirmation(client)
    assert "お支払い期限・印刷期限：2026年4月7日（火）23:59" in confirmation
    ordering.now += timedelta(minutes=1)  # 申請 pressed after midnight: the deadline is a day later
    shown_again = client.post(f"{NEW}/confirm", data=hidden_fields(confirmation))
    html = shown_again.get_data(as_text=True)
    assert shown_again.status_code == 409 and ordering.placed == {}
    assert "お支払い期限・印刷期限が変わりました" in html and "2026年4月8日（水）23:59" in html
    placed = client.post(f"{NEW}/confirm", data=hidden_fields(html))  # 申請 on the page with the new deadline
    (order,) = (o for _t, _a, o in ordering.placed.values())
    assert placed.headers["Location"].endswith(order.id) and order.deadline == datetime(2026, 4, 8, 14, 59, 59,
                                                                                        tzinfo=UTC)


def test_a_page_without_its_csrf_token_is_refused(client: FlaskClient, two_numbers: str,
                                                  ordering: FakeOrdering) -> None:
    choose(client, "/", {"choice": "0"})
    confirmation = up_to_confirmation(client)
    forged = {**hidden_fields(confirmation), "csrf_token": "stale"}
    assert client.post(f"{NEW}/confirm", data=forged).status_code == 400
    assert ordering.placed == {}


def test_a_refusal_at_application_is_shown_on_the_confirmation(client: FlaskClient, two_numbers: str,
                                                              ordering: FakeOrdering) -> None:
    choose(client, "/", {"choice": "0"})
    confirmation = up_to_confirmation(client)
    catalogue = ordering.catalogues["demo-univ"]
    ordering.catalogues["demo-univ"] = replace(catalogue, payment_methods=("paypal",))  # changed meanwhile
    refused = client.post(f"{NEW}/confirm", data=hidden_fields(confirmation))
    assert refused.status_code == 400 and "このお支払い方法はご利用いただけません。" in refused.get_data(as_text=True)
    assert ordering.placed == {}


def test_one_student_number_is_not_asked_and_none_is_told(client: FlaskClient, identity: FakeIdentity,
                                                          enrollment: FakeEnrollment) -> None:
    account_id = sign_in(client, identity, enrollment, UNDERGRADUATE)
    assert client.get(f"{NEW}/").headers["Location"] == f"{NEW}/store"
    enrollment.profiles[account_id] = Profile({}, [], ())
    none = client.get(f"{NEW}/")
    assert none.status_code == 409 and "学籍番号が登録されていません" in none.get_data(as_text=True)


def placed_order(client: FlaskClient) -> str:
    choose(client, "/", {"choice": "0"})
    confirmation = up_to_confirmation(client)
    return str(client.post(f"{NEW}/confirm", data=hidden_fields(confirmation)).headers["Location"])


def test_an_unpaid_order_is_cancelled_after_a_confirmation_step(client: FlaskClient, two_numbers: str,
                                                                ordering: FakeOrdering) -> None:
    order_page = placed_order(client)
    assert f'href="{order_page}/cancel"' in client.get(order_page).get_data(as_text=True)
    asked = client.get(f"{order_page}/cancel").get_data(as_text=True)
    assert "取り消したお申し込みは元に戻せません" in asked
    (order_id,) = ordering.placed
    assert ordering.placed[order_id][2].status == "placed"  # asking is not cancelling
    done = post(client, f"{order_page}/cancel")
    assert done.headers["Location"] == order_page
    page = client.get(order_page).get_data(as_text=True)
    assert "取消済み" in page and "取消" in page and f'href="{order_page}/cancel"' not in page


def test_a_paid_order_cannot_be_cancelled_and_anothers_order_is_not_found(
        client: FlaskClient, two_numbers: str, ordering: FakeOrdering) -> None:
    order_page = placed_order(client)
    (order_id,) = ordering.placed
    tenant, account, order = ordering.placed[order_id]
    ordering.placed[order_id] = (tenant, account, replace(order, status="paid"))
    assert client.get(f"{order_page}/cancel").headers["Location"] == order_page
    refused = post(client, f"{order_page}/cancel", form_page="/demo-univ/account/")  # a page left open
    assert refused.status_code == 409 and "取り消せません" in refused.get_data(as_text=True)
    ordering.placed[order_id] = (tenant, "someone-else", order)
    assert client.get(order_page).status_code == 404
    assert client.get(f"{order_page}/cancel").status_code == 404


def test_the_screens_in_english(client: FlaskClient, two_numbers: str) -> None:
    client.get("/demo-univ/account/?lang=en")
    choose(client, "/", {"choice": "0"})
    confirmation = up_to_confirmation(client)
    assert "Payment and print deadline:" in confirmation and "23:59 (Japan time)" in confirmation
    order_page = client.post(f"{NEW}/confirm", data=hidden_fields(confirmation)).headers["Location"]
    page = client.get(order_page).get_data(as_text=True)
    assert "Payment and print deadline: Tuesday, 7 April 2026, 23:59 (Japan time)" in page
    assert "Awaiting payment" in page and "1,700 yen" in page and "Certificate of Graduation" in page
    assert "1 Apr 2026, 10:00 JST" in page
    choose(client, "/", {"choice": "0"})
    choose(client, "/store", {"choice": "netprint"})
    mistake = choose(client, "/certificates", {"copies_graduation": "x"}).get_data(as_text=True)
    assert "Enter the number of copies in digits." in mistake


def test_the_flow_cookie_holds_choices_and_never_the_student_number(client: FlaskClient, two_numbers: str) -> None:
    from flask import current_app

    choose(client, "/", {"choice": "0"})
    up_to_confirmation(client)
    with client.application.app_context():
        serializer = current_app.session_interface.get_signing_serializer(current_app)  # type: ignore[attr-defined]
        cookies = [cookie for cookie in client._cookies.values() if cookie.key.startswith("shomei_session_flow")]
        (flow,) = (serializer.loads(cookie.value)["order_flow"] for cookie in cookies)
    assert flow["number"] == 0 and flow["channel"] == "netprint" and flow["method"] == "smartpit"
    assert "L08001" not in str(flow) and flow["key"]
