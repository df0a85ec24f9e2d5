"""Smart Pit against its simulator: a bill per order, notices applied once (sent again, in any
order), a 速報取消 making the bill payable again, forged notices refused; on real PostgreSQL."""

from __future__ import annotations

import requests
from prometheus_client import REGISTRY

from shomei_simulators.testing import wait_for

from .conftest import Payments, graduate


def bill(payments: Payments, order_id: str) -> str:
    answer = payments.app.test_client().post("/internal/payments/smartpit", headers=graduate(),
                                             json={"order_id": order_id})
    assert answer.status_code == 201, answer.json
    number: str = answer.json["smartpit_number"]
    return number


def delivered(payments: Payments, count: int) -> bool:
    made = payments.sim("GET", "/_sim/deliveries", base=payments.smartpit)
    return len(made) == count and all(d["state"] == "delivered" for d in made)


def test_a_bill_once_then_quick_notice_pays_once_and_its_cancellation_makes_it_payable_again(
        payments: Payments) -> None:
    order_id = payments.place(total=1700, method="smartpit")
    number = bill(payments, order_id)
    assert len(number) == 13 and number.isdigit()
    assert bill(payments, order_id) == number  # asked again: the same bill

    quick = payments.sim("POST", f"/_sim/bills/{number}/pay", base=payments.smartpit, store="lawson")
    payments.sim("POST", f"/_sim/notices/{quick['notice_id']}/redeliver", base=payments.smartpit)
    wait_for(lambda: delivered(payments, 2))
    assert payments.row(order_id)["status"] == "captured"
    assert payments.event_types(order_id).count("PaymentCaptured") == 1

    cancelled = payments.sim("POST", f"/_sim/payments/{quick['payment_id']}/cancel-quick", base=payments.smartpit)
    payments.sim("POST", f"/_sim/notices/{cancelled['notice_id']}/redeliver", base=payments.smartpit)
    wait_for(lambda: delivered(payments, 4))
    assert payments.row(order_id)["status"] == "created"

    again = payments.sim("POST", f"/_sim/bills/{number}/pay", base=payments.smartpit, store="familymart")
    payments.sim("POST", f"/_sim/payments/{again['payment_id']}/confirm", base=payments.smartpit)
    wait_for(lambda: delivered(payments, 6))
    assert payments.row(order_id)["status"] == "captured"
    assert payments.event_types(order_id) == ["PaymentOpened", "SmartPitBillRegistered", "PaymentCaptured",
                                              "PaymentQuickCancelled", "PaymentReversed", "PaymentCaptured",
                                              "PaymentConfirmed"]


def test_a_forged_notice_is_refused_and_counted(payments: Payments) -> None:
    order_id = payments.place(total=1700, method="smartpit")
    number = bill(payments, order_id)
    before = REGISTRY.get_sample_value("shomei_payment_smartpit_notices_refused_total", {"reason": "signature"}) or 0
    body = (f'{{"notice_id":"forged-1","notice_type":"quick","smartpit_number":"{number}","bill_id":"{order_id}",'
            f'"payment_id":"X1","amount":1700,"paid_at":"2026-04-03T10:15:00+00:00"}}')
    answer = requests.post(f"{payments.app_url}/webhooks/smartpit", data=body.encode(), timeout=10,
                           headers={"Content-Type": "application/json", "X-SmartPit-Timestamp": "1900000000",
                                    "X-SmartPit-Signature": "v1=" + "0" * 64})

    assert answer.status_code == 400
    assert REGISTRY.get_sample_value("shomei_payment_smartpit_notices_refused_total",
                                     {"reason": "signature"}) == before + 1
    assert payments.row(order_id)["status"] == "created"
