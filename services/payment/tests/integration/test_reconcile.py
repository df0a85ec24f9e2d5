"""The reconciliation settles what the browser or a webhook left undone, against the simulator:
an approved order whose payer never came back is captured (once); a pending capture completed
while its webhook was lost is recorded as paid."""

from __future__ import annotations

from datetime import timedelta

from shomei_payment.service_layer.commands import ReconcilePayPal

from .conftest import Payments

NOW = ReconcilePayPal(older_than=timedelta(0))


def test_an_approved_payment_whose_browser_never_returned_is_captured_once(payments: Payments) -> None:
    payments.sim("POST", "/_sim/deliveries/settings", hold=True)  # and no webhook arrives either
    order_id = payments.place()
    approve_url = payments.start(order_id)
    payments.approve(approve_url)

    assert payments.service.handle(NOW) == 1
    assert payments.service.handle(NOW) == 0  # settled: not asked about again
    assert payments.back(order_id) == "captured"  # the browser comes back late: nothing more
    assert payments.event_types(order_id).count("PaymentCaptured") == 1
    captures = payments.paypal_order(approve_url.split("token=")[1])["purchase_units"][0]["payments"]["captures"]
    assert len(captures) == 1


def test_a_pending_capture_completed_with_its_webhook_lost_is_recorded_paid(payments: Payments) -> None:
    payments.sim("POST", "/_sim/deliveries/settings", hold=True)
    order_id = payments.place()
    payments.approve(payments.start(order_id), "capture_pending")
    assert payments.back(order_id) == "pending"
    assert payments.service.handle(NOW) == 0  # still pending at PayPal
    payments.sim("POST", f"/_sim/captures/{payments.row(order_id)['capture_id']}/settle", status="COMPLETED")

    assert payments.service.handle(NOW) == 1
    assert payments.row(order_id)["status"] == "captured"


def test_a_payment_the_payer_has_not_approved_is_left_alone(payments: Payments) -> None:
    order_id = payments.place()
    payments.start(order_id)

    assert payments.service.handle(NOW) == 0
    assert payments.row(order_id)["status"] == "created"
