"""Refunds by staff against the PayPal simulator on real PostgreSQL: partial then the rest, more
than is left, after the print deadline (with and without a reason), a double click, the role."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from flask.testing import FlaskClient

from shomei_devtools.trust import session_trust
from shomei_payment.domain.payment import payment_id_for
from shomei_shared.web.assertions import Actor
from shomei_simulators.testing import wait_for

from .conftest import TENANT, Payments


def staff(role: str = "registrar") -> dict[str, str]:
    return session_trust().headers("admin", Actor(TENANT, f"staff-{role}", "staff", (role,)))


def captured(payments: Payments, **place: Any) -> str:
    order_id = payments.place(**place)
    payments.approve(payments.start(order_id))
    assert payments.back(order_id) == "captured"
    return order_id


def refund(client: FlaskClient, order_id: str, amount: int, key: str = "", role: str = "registrar",
           **body: str) -> Any:
    return client.post(f"/internal/staff/payments/{payment_id_for(order_id)}/refunds", headers=staff(role),
                       json={"request_key": key or str(uuid.uuid4()), "amount": amount,
                             "reason": "二重に申請されたため", **body})


def test_part_then_the_rest_and_then_nothing_more(payments: Payments) -> None:
    order_id = captured(payments)
    client = payments.app.test_client()
    first = refund(client, order_id, 500)
    assert first.status_code == 201, first.json
    assert (first.json["amount"], first.json["status"], first.json["refunded"]) == (500, "captured", 500)
    rest = refund(client, order_id, 1000)
    assert rest.status_code == 201 and (rest.json["status"], rest.json["refunded"]) == ("refunded", 1500)
    assert rest.json["refund_id"] != first.json["refund_id"]
    again = refund(client, order_id, 1)
    assert again.status_code == 409
    # PayPal's webhooks of both refunds are heard, and change nothing more.
    wait_for(lambda: sum(e["event_type"] == "PAYMENT.CAPTURE.REFUNDED"
                         for e in payments.sim("GET", "/_sim/events")) == 2)
    wait_for(lambda: all(d["state"] == "delivered" for d in payments.sim("GET", "/_sim/deliveries")))
    assert payments.event_types(order_id)[-5:] == ["RefundRequested", "RefundIssued", "RefundRequested",
                                                   "RefundIssued", "PaymentRefunded"]
    history = client.get(f"/internal/staff/payments?order_id={order_id}", headers=staff("reviewer")).json
    (payment,) = history["payments"]
    requested = [e for e in payment["history"] if e["event"] == "RefundRequested"]
    assert [(e["amount"], e["staff_id"], e["note"]) for e in requested] == [
        (500, "staff-registrar", "二重に申請されたため"), (1000, "staff-registrar", "二重に申請されたため")]


def test_more_than_is_left_is_refused_at_the_amount_and_paypal_is_not_asked(payments: Payments) -> None:
    order_id = captured(payments)
    client = payments.app.test_client()
    before = payments.event_types(order_id)
    answer = client.post(f"/internal/staff/payments/{payment_id_for(order_id)}/refunds", headers=staff(),
                         json={"request_key": str(uuid.uuid4()), "amount": 1501, "reason": "",
                               "override_reason": ""})
    fields = {error["field"] for error in answer.json["errors"]}
    assert answer.status_code == 400 and fields == {"amount", "reason"}
    assert payments.event_types(order_id) == before
    assert not any(e["event_type"] == "PAYMENT.CAPTURE.REFUNDED" for e in payments.sim("GET", "/_sim/events"))


def test_after_the_print_deadline_only_with_a_reason_for_it(payments: Payments) -> None:
    order_id = captured(payments, deadline=datetime.now(UTC) - timedelta(minutes=1))
    client = payments.app.test_client()
    refused = refund(client, order_id, 1500)
    assert refused.status_code == 400
    assert [e["field"] for e in refused.json["errors"]] == ["override_reason"]
    assert "印刷期限" in refused.json["errors"][0]["reason"]
    allowed = refund(client, order_id, 1500, override_reason="大学側の不備で印刷できなかったため")
    assert allowed.status_code == 201 and allowed.json["status"] == "refunded"


def test_a_double_click_is_one_refund(payments: Payments) -> None:
    order_id = captured(payments)
    key, answers = str(uuid.uuid4()), []

    def click() -> None:
        answers.append(refund(payments.app.test_client(), order_id, 1500, key=key))

    clicks = [threading.Thread(target=click) for _ in range(2)]
    for thread in clicks:
        thread.start()
    for thread in clicks:
        thread.join()
    late = refund(payments.app.test_client(), order_id, 1500, key=key)  # and once more, after both
    assert [a.status_code for a in [*answers, late]] == [201, 201, 201]
    assert len({a.json["refund_id"] for a in [*answers, late]}) == 1
    assert payments.event_types(order_id).count("RefundIssued") == 1
    assert payments.event_types(order_id).count("PaymentRefunded") == 1


def test_reviewers_cannot_refund(payments: Payments) -> None:
    order_id = captured(payments)
    assert refund(payments.app.test_client(), order_id, 100, role="reviewer").status_code == 403
    assert "RefundRequested" not in payments.event_types(order_id)
