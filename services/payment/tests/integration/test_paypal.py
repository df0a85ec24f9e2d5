"""PayPal end to end against the simulator: capture, webhooks (three times, in reverse, forged,
replayed), a double capture request and a declined card, on real PostgreSQL."""

from __future__ import annotations

import threading
from typing import Any

import requests
from prometheus_client import REGISTRY

from shomei_payment.domain.payment import Payment, payment_id_for
from shomei_simulators.testing import wait_for

from .conftest import Payments


def refused(reason: str) -> float:
    return REGISTRY.get_sample_value("shomei_payment_webhooks_refused_total", {"reason": reason}) or 0.0


def deliveries(payments: Payments) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = payments.sim("GET", "/_sim/deliveries")
    return found


def all_answered(payments: Payments, count: int) -> bool:
    """`count` deliveries made, each answered (2xx delivered, or refused at least once when forged)."""
    made = deliveries(payments)
    return len(made) == count and all(d["state"] == "delivered" or (d["forged"] and d["attempts"]) for d in made)


def test_each_webhook_three_times_in_reverse_order_pays_once_and_a_chargeback_refunds_once(
        payments: Payments) -> None:
    order_id = payments.place()
    payments.sim("POST", "/_sim/deliveries/settings", copies=3, hold=True)
    payments.approve(payments.start(order_id), "capture_pending")
    assert payments.back(order_id) == "pending"
    payments.sim("POST", f"/_sim/captures/{payments.row(order_id)['capture_id']}/settle", status="COMPLETED")

    # APPROVED, PENDING and COMPLETED, three copies each, arrive last-made first.
    payments.sim("POST", "/_sim/deliveries/release", order="reverse")
    wait_for(lambda: all_answered(payments, 9))
    assert payments.row(order_id)["status"] == "captured"
    assert payments.event_types(order_id).count("PaymentCaptured") == 1

    payments.sim("POST", f"/_sim/captures/{payments.row(order_id)['capture_id']}/settle", status="REVERSED")
    wait_for(lambda: all_answered(payments, 12))
    assert payments.event_types(order_id) == ["PaymentOpened", "PayPalOrderCreated", "PaymentPending",
                                              "PaymentCaptured", "PaymentRefunded"]
    assert payments.row(order_id)["status"] == "refunded"


def test_a_forged_altered_or_replayed_webhook_is_refused_and_counted(payments: Payments) -> None:
    order_id = payments.place()
    payments.approve(payments.start(order_id), "capture_pending")
    assert payments.back(order_id) == "pending"
    wait_for(lambda: all_answered(payments, 2))
    pending = next(e for e in payments.sim("GET", "/_sim/events") if e["event_type"] == "PAYMENT.CAPTURE.PENDING")
    before = {reason: refused(reason) for reason in ("signature", "cert_chain", "cert_host", "replayed")}
    recorded = payments.event_types(order_id)
    assert recorded[-1] == "PaymentPending"

    for kind in ("altered_body", "wrong_key", "foreign_cert_url"):
        payments.sim("POST", f"/_sim/events/{pending['id']}/forge", kind=kind)
    wait_for(lambda: all_answered(payments, 5))
    # A delivery of ours sent again byte for byte: the same transmission, a replay.
    first = deliveries(payments)[0]
    again = requests.post(f"{payments.app_url}/webhooks/paypal", data=first["body"].encode(), timeout=10,
                          headers=first["headers"])

    assert again.status_code == 400
    assert all(attempt["status"] == 400 for d in deliveries(payments) if d["forged"] for attempt in d["attempts"])
    # Counted at each attempt (PayPal's retries of a refused delivery are refused again).
    assert refused("signature") > before["signature"]  # altered body
    assert refused("cert_chain") > before["cert_chain"]  # a look-alike certificate, not from our CA
    assert refused("cert_host") > before["cert_host"]  # a certificate URL on another host, never fetched
    assert refused("replayed") == before["replayed"] + 1
    assert payments.event_types(order_id) == recorded

    # The same event sent again by PayPal (a new transmission) is a duplicate: answered, no effect.
    payments.sim("POST", f"/_sim/events/{pending['id']}/redeliver")
    wait_for(lambda: all_answered(payments, 6))
    assert deliveries(payments)[-1]["state"] == "delivered"
    assert payments.event_types(order_id) == recorded


def test_two_capture_requests_at_once_make_one_capture(payments: Payments) -> None:
    order_id = payments.place()
    approve_url = payments.start(order_id)
    payments.approve(approve_url)
    answers: list[str] = []
    barrier = threading.Barrier(2)

    def back() -> None:
        barrier.wait()
        answers.append(payments.back(order_id))

    threads = [threading.Thread(target=back) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert answers == ["captured", "captured"]
    assert payments.event_types(order_id).count("PaymentCaptured") == 1
    paypal_order = payments.paypal_order(approve_url.split("token=")[1])
    assert len(paypal_order["purchase_units"][0]["payments"]["captures"]) == 1


def test_a_declined_card_lets_the_graduate_pay_again(payments: Payments) -> None:
    order_id = payments.place()
    first = payments.start(order_id)
    payments.approve(first, "card_declined")
    assert payments.back(order_id) == "declined"
    assert payments.start(order_id) == first  # PayPal's order waits for another approval
    payments.approve(first, "capture_declined")
    assert payments.back(order_id) == "declined"
    second = payments.start(order_id)  # that PayPal order is done: a new one
    assert second != first
    payments.approve(second)

    assert payments.back(order_id) == "captured"
    assert payments.event_types(order_id).count("PaymentCaptured") == 1
    assert payments.row(order_id)["status"] == "captured"


def test_a_capture_made_at_paypal_but_never_recorded_is_found_not_repeated(payments: Payments) -> None:
    """As if the process died between PayPal's answer and our commit: PayPal captured with our
    request id, we recorded nothing. The next return (or the reconciliation) finds that capture."""
    order_id = payments.place()
    approve_url = payments.start(order_id)
    payments.approve(approve_url)
    paypal_order_id = approve_url.split("token=")[1]
    with payments.service.uow() as uow:
        request_id = uow.get(Payment, payment_id_for(order_id)).capture_request_id()
    lost = payments.client.capture(paypal_order_id, request_id)

    assert payments.back(order_id) == "captured"
    assert payments.row(order_id)["capture_id"] == lost.capture_id
    assert payments.event_types(order_id).count("PaymentCaptured") == 1
    assert len(payments.paypal_order(paypal_order_id)["purchase_units"][0]["payments"]["captures"]) == 1
