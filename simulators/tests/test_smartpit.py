"""Smart Pit simulator over real HTTP: bills, the store terminal, and signed 速報 / 確報 / 速報取消 notices."""

import hashlib
import hmac
import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import requests

from shomei_simulators.smartpit import SmartPitConfig, create_app
from shomei_simulators.smartpit.numbers import is_well_formed
from shomei_simulators.testing import Received, Receiver, wait_for

SECRET = "notice-secret-for-tests"
KEY = {"Authorization": "Bearer api-key-for-tests"}
Serve = Callable[[Any], str]


@pytest.fixture
def base(serve: Serve, receiver: Receiver) -> str:
    return serve(create_app(SmartPitConfig(api_key="api-key-for-tests", notice_secret=SECRET,
                                           notice_url=receiver.url, retry_base_seconds=0.05)))


def due_in(days: int) -> str:
    """23:59:59 JST, ``days`` from today: an order's payment deadline."""
    jst = timezone(timedelta(hours=9))
    return (datetime.now(jst) + timedelta(days=days)).replace(hour=23, minute=59, second=59, microsecond=0).isoformat()


def register(base: str, bill_id: str = "ORDER-1", amount: int = 1700, due: str | None = None) -> requests.Response:
    return requests.post(f"{base}/api/v1/bills", json={"bill_id": bill_id, "amount": amount, "due": due or due_in(7)},
                         headers=KEY, timeout=10)


def number_of(base: str, bill_id: str = "ORDER-1") -> str:
    answer = register(base, bill_id)
    assert answer.status_code in (200, 201), answer.text
    return str(answer.json()["smartpit_number"])


def notice_of(received: Received) -> dict[str, Any]:
    """The receiver's check, from the documented shape: HMAC-SHA256 over "<timestamp>.<raw body>"."""
    timestamp = received.header("X-SmartPit-Timestamp")
    expected = "v1=" + hmac.new(SECRET.encode(), f"{timestamp}.".encode() + received.body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(expected, received.header("X-SmartPit-Signature")), "signature does not verify"
    return dict(json.loads(received.body))


def signature_verifies(received: Received) -> bool:
    try:
        notice_of(received)
    except AssertionError:
        return False
    return True


def test_registration_needs_the_api_key(base: str) -> None:
    answer = requests.post(f"{base}/api/v1/bills", json={"bill_id": "X", "amount": 1, "due": due_in(1)}, timeout=10)
    assert answer.status_code == 401


def test_a_bill_gets_a_13_digit_number_with_its_check_digit_once_per_bill_id(base: str) -> None:
    first = register(base, "ORDER-1")
    again = register(base, "ORDER-1")
    other = register(base, "ORDER-2")
    conflicting = register(base, "ORDER-1", amount=1800)

    number = first.json()["smartpit_number"]
    assert first.status_code == 201 and re.fullmatch(r"[0-9]{13}", number) and is_well_formed(number)
    assert again.status_code == 200 and again.json()["smartpit_number"] == number
    assert other.json()["smartpit_number"] != number
    assert conflicting.status_code == 409 and conflicting.json() == {"error": "bill_id_conflict"}
    assert first.json()["status"] == "registered" and first.json()["amount"] == 1700
    shown = requests.get(f"{base}/api/v1/bills/{number}", headers=KEY, timeout=10)
    assert shown.json()["bill_id"] == "ORDER-1"


@pytest.mark.parametrize(("amount", "due", "code"), [
    (300_001, None, "amount_invalid"), (0, None, "amount_invalid"),
    (1000, "2026-04-07T23:59:59", "due_invalid"), (1000, "2020-04-07T23:59:59+09:00", "due_in_past"),
])
def test_registration_refuses_what_smart_pit_would(base: str, amount: int, due: str | None, code: str) -> None:
    answer = register(base, amount=amount, due=due)
    assert answer.status_code == 400 and answer.json() == {"error": code}


def test_the_check_digit_catches_every_single_mistyped_digit(base: str) -> None:
    number = number_of(base)
    for position in range(13):
        for digit in "0123456789":
            typo = number[:position] + digit + number[position + 1:]
            assert is_well_formed(typo) == (typo == number)


def issue_slip(base: str, number: str, store: str = "familymart") -> requests.Response:
    return requests.post(f"{base}/terminal", data={"number": number, "store": store}, timeout=10)


def test_store_terminal_slip_then_register_pays_and_sends_a_signed_quick_notice(base: str, receiver: Receiver) -> None:
    number = number_of(base)
    assert "スマートピット番号" in requests.get(f"{base}/terminal", timeout=10).text
    # As people type it: full-width digits, hyphens.
    typed = "".join(chr(ord(c) + 0xFEE0) for c in number[:6]) + "-" + number[6:]
    slip = issue_slip(base, typed, "lawson")
    assert slip.status_code == 200 and "申込券" in slip.text and "1,700 円" in slip.text
    pay_action = re.search(r'<form method="post" action="(/register/[0-9]+)"', slip.text)
    assert pay_action is not None

    receipt = requests.post(f"{base}{pay_action.group(1)}", timeout=10)
    assert receipt.status_code == 200 and "お支払いが完了しました" in receipt.text

    [received] = wait_for(receiver.all)
    notice = notice_of(received)
    assert notice["notice_type"] == "quick" and notice["smartpit_number"] == number
    assert notice["bill_id"] == "ORDER-1" and notice["amount"] == 1700 and notice["store"] == "lawson"
    assert requests.get(f"{base}/api/v1/bills/{number}", headers=KEY, timeout=10).json()["status"] == "paid"
    assert "お支払い済み" in issue_slip(base, number).text
    assert requests.post(f"{base}{pay_action.group(1)}", timeout=10).status_code == 422  # a slip pays once


@pytest.mark.parametrize(("typed", "message"), [
    ("123", "13桁"), ("", "13桁"), ("1234567890128", "見つかりません"),
])
def test_store_terminal_says_what_is_wrong_at_the_number(base: str, typed: str, message: str) -> None:
    page = issue_slip(base, typed)
    assert page.status_code == 422 and 'aria-invalid="true"' in page.text
    assert message in page.text.split('id="number-error"')[1]


def test_a_withdrawn_bill_cannot_be_paid_at_the_terminal(base: str) -> None:
    number = number_of(base)
    assert requests.delete(f"{base}/api/v1/bills/{number}", headers=KEY, timeout=10).json()["status"] == "cancelled"
    assert "取り消されています" in issue_slip(base, number).text


def pay(base: str, number: str, **body: Any) -> dict[str, Any]:
    answer = requests.post(f"{base}/_sim/bills/{number}/pay", json=body, timeout=10)
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def test_confirmed_and_cancelled_quick_notices_are_signed(base: str, receiver: Receiver) -> None:
    confirmed = pay(base, number_of(base, "ORDER-1"))
    cancelled_number = number_of(base, "ORDER-2")
    cancelled = pay(base, cancelled_number, store="ministop")
    assert requests.post(f"{base}/_sim/payments/{confirmed['payment_id']}/confirm", timeout=10).status_code == 201
    assert requests.post(f"{base}/_sim/payments/{cancelled['payment_id']}/cancel-quick", timeout=10).status_code == 201
    refused = requests.post(f"{base}/_sim/payments/{cancelled['payment_id']}/confirm", timeout=10)
    assert refused.status_code == 409 and refused.json() == {"error": "payment_not_quick"}

    received = wait_for(lambda: len(receiver.all()) == 4 and receiver.all())
    notices = [notice_of(r) for r in received]
    assert [(n["notice_type"], n["bill_id"]) for n in notices] == [
        ("quick", "ORDER-1"), ("quick", "ORDER-2"), ("confirmed", "ORDER-1"), ("quick_cancelled", "ORDER-2")]
    assert notices[3]["payment_id"] == cancelled["payment_id"] and notices[3]["store"] == "ministop"
    bill = requests.get(f"{base}/api/v1/bills/{cancelled_number}", headers=KEY, timeout=10).json()
    assert bill["status"] == "registered"  # the 速報 was taken back: the bill is payable again

    altered = Received(received[0].headers, received[0].body.replace(b'"amount":1700', b'"amount":17000'))
    assert altered.body != received[0].body and not signature_verifies(altered)


def test_a_notice_is_duplicated_on_request(base: str, receiver: Receiver) -> None:
    requests.post(f"{base}/_sim/deliveries/settings", json={"copies": 2}, timeout=10)
    notice = pay(base, number_of(base))
    assert requests.post(f"{base}/_sim/notices/{notice['notice_id']}/redeliver", timeout=10).status_code == 202

    received = wait_for(lambda: len(receiver.all()) == 3 and receiver.all())
    assert {notice_of(r)["notice_id"] for r in received} == {notice["notice_id"]}


def test_a_late_payment_and_a_late_notice_on_request(base: str, receiver: Receiver) -> None:
    number = number_of(base)
    due = datetime.fromisoformat(requests.get(f"{base}/api/v1/bills/{number}", headers=KEY, timeout=10).json()["due"])
    after_due = (due + timedelta(minutes=5)).isoformat()
    requests.post(f"{base}/_sim/deliveries/settings", json={"hold": True}, timeout=10)

    pay(base, number, paid_at=after_due)
    [held] = requests.get(f"{base}/_sim/deliveries", timeout=10).json()
    assert held["state"] == "held" and receiver.all() == []
    requests.post(f"{base}/_sim/deliveries/release", json={}, timeout=10)

    [received] = wait_for(receiver.all)
    assert datetime.fromisoformat(notice_of(received)["paid_at"]) > due


def test_notices_are_sent_again_until_answered_2xx(base: str, receiver: Receiver) -> None:
    receiver.statuses = [500, 502]
    pay(base, number_of(base))
    [delivery] = wait_for(lambda: [d for d in requests.get(f"{base}/_sim/deliveries", timeout=10).json()
                                   if d["state"] == "delivered"])
    assert [a["status"] for a in delivery["attempts"]] == [500, 502, 200]
