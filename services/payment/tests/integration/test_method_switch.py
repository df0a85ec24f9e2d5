"""A declined PayPal payment switched to Smart Pit, against both simulators on real PostgreSQL: the
PayPal order left behind is never captured by us (neither the browser's late return nor the
reconciliation), and when PayPal captures it anyway its webhook (sent three times) is one
PaymentNotCounted, never a second PaymentCaptured; the Smart Pit bill pays the order once."""

from __future__ import annotations

from datetime import timedelta

from shomei_payment.domain import heard
from shomei_payment.service_layer.commands import ReconcilePayPal
from shomei_simulators.testing import wait_for

from .conftest import TENANT, Payments, graduate


def test_the_paypal_order_left_for_smart_pit_is_money_not_counted_when_paypal_captures_it(
        payments: Payments) -> None:
    order_id = payments.place()
    payments.sim("POST", "/_sim/deliveries/settings", hold=True)  # PayPal's approval webhook comes late too
    approve_url = payments.start(order_id)
    payments.approve(approve_url)  # approved at PayPal; the graduate switches before coming back
    paypal_order_id = approve_url.split("token=")[1]
    payments.service.handle(heard.OrderPaymentMethodChanged(tenant_id=TENANT, aggregate_id=order_id,
                                                            payment_method="smartpit"))
    returned = payments.app.test_client().post("/internal/payments/paypal/return", headers=graduate(),
                                               json={"order_id": order_id, "token": paypal_order_id})
    assert returned.status_code == 409  # the browser's late return captures nothing
    assert payments.service.handle(ReconcilePayPal(older_than=timedelta(0))) == 0
    assert "captures" not in str(payments.paypal_order(paypal_order_id).get("purchase_units"))

    payments.sim("POST", "/_sim/deliveries/release")
    payments.sim("POST", "/_sim/deliveries/settings", copies=3)
    payments.client.capture(paypal_order_id, "captured-elsewhere")  # PayPal captures it anyway
    wait_for(lambda: payments.event_types(order_id).count("PaymentNotCounted") == 1
             and all(d["state"] == "delivered" for d in payments.sim("GET", "/_sim/deliveries")))
    assert "PaymentCaptured" not in payments.event_types(order_id)

    bill = payments.app.test_client().post("/internal/payments/smartpit", headers=graduate(),
                                           json={"order_id": order_id})
    assert bill.status_code == 201, bill.json
    payments.sim("POST", f"/_sim/bills/{bill.json['smartpit_number']}/pay", base=payments.smartpit, store="lawson")
    wait_for(lambda: payments.row(order_id)["status"] == "captured")
    assert payments.event_types(order_id) == ["PaymentOpened", "PayPalOrderCreated", "PaymentMethodChanged",
                                              "PaymentNotCounted", "SmartPitBillRegistered", "PaymentCaptured"]
