"""PayPal simulator over real HTTP: OAuth, orders, the approval page, captures, refunds, webhooks."""

import base64
import json
import re
import uuid
import zlib
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
import requests
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from shomei_simulators.paypal import PayPalConfig, create_app
from shomei_simulators.testing import Received, Receiver, wait_for

Serve = Callable[[Any], str]

CONFIG = PayPalConfig(client_id="client-a", client_secret="secret-a", webhook_id="WH1TEST", retry_base_seconds=0.05)


class PayPal:
    """What the payment service will do, in as few words as a test needs."""

    def __init__(self, base: str) -> None:
        self.base = base
        answer = requests.post(f"{base}/v1/oauth2/token", auth=("client-a", "secret-a"),
                               data={"grant_type": "client_credentials"}, timeout=10)
        assert answer.status_code == 200, answer.text
        self.auth = {"Authorization": f"Bearer {answer.json()['access_token']}"}

    def post(self, path: str, body: Any = None, request_id: str | None = None) -> requests.Response:
        headers = {**self.auth, **({"PayPal-Request-Id": request_id} if request_id else {})}
        return requests.post(f"{self.base}{path}", json=body, headers=headers, timeout=10)

    def get(self, path: str) -> requests.Response:
        return requests.get(f"{self.base}{path}", headers=self.auth, timeout=10)

    def create(self, value: str = "1500", request_id: str | None = None, **extra: Any) -> dict[str, Any]:
        unit = {"invoice_id": "ORDER-1", "amount": {"currency_code": "JPY", "value": value}}
        body = {"intent": "CAPTURE", "purchase_units": [unit],
                "application_context": {"return_url": "http://shop.invalid/return", "cancel_url": "http://shop.invalid/cancel"},
                **extra}
        answer = self.post("/v2/checkout/orders", body, request_id or str(uuid.uuid4()))
        assert answer.status_code in (200, 201), answer.text
        return dict(answer.json())

    def approve(self, order: dict[str, Any], instrument: str = "card_ok", action: str = "approve") -> requests.Response:
        """As a person does: open the approve link, submit its form."""
        link = next(link["href"] for link in order["links"] if link["rel"] in ("approve", "payer-action"))
        page = requests.get(link, timeout=10)
        assert page.status_code == 200 and 'name="instrument"' in page.text
        form_action = re.search(r'<form method="post" action="([^"]+)"', page.text)
        assert form_action is not None
        return requests.post(f"{self.base}{form_action.group(1)}", timeout=10, allow_redirects=False,
                             data={"token": order["id"], "instrument": instrument, "action": action})

    def capture(self, order_id: str, request_id: str | None = None) -> requests.Response:
        return self.post(f"/v2/checkout/orders/{order_id}/capture", None, request_id or str(uuid.uuid4()))

    def paid_capture(self, value: str = "1500") -> dict[str, Any]:
        order = self.create(value)
        assert self.approve(order).status_code == 303
        answer = self.capture(order["id"])
        assert answer.status_code == 201, answer.text
        return dict(answer.json()["purchase_units"][0]["payments"]["captures"][0])


def issue(answer: requests.Response) -> str:
    body = answer.json()
    assert set(body) >= {"name", "details", "debug_id"}
    return str(body["details"][0]["issue"])


@pytest.fixture
def sim_base(serve: Serve, receiver: Receiver) -> str:
    return serve(create_app(PayPalConfig(**{**vars(CONFIG), "webhook_url": receiver.url})))


@pytest.fixture
def paypal(sim_base: str) -> PayPal:
    return PayPal(sim_base)


def receiver_accepts(received: Received, sim_base: str, ca_pem: bytes, webhook_id: str = "WH1TEST") -> bool:
    """The receiver's check, written from PayPal's description rather than from the simulator's code."""
    cert_url = received.header("PAYPAL-CERT-URL")
    if not cert_url.startswith(f"{sim_base}/v1/notifications/certs/"):
        return False  # certificates are fetched only from the provider's own host
    leaf, *_ = x509.load_pem_x509_certificates(requests.get(cert_url, timeout=10).content)
    try:
        leaf.verify_directly_issued_by(x509.load_pem_x509_certificate(ca_pem))
    except (ValueError, TypeError, InvalidSignature):
        return False
    message = "|".join([received.header("PAYPAL-TRANSMISSION-ID"), received.header("PAYPAL-TRANSMISSION-TIME"),
                        webhook_id, str(zlib.crc32(received.body) & 0xFFFFFFFF)]).encode()
    public_key = leaf.public_key()
    assert isinstance(public_key, rsa.RSAPublicKey)
    assert received.header("PAYPAL-AUTH-ALGO") == "SHA256withRSA"
    try:
        public_key.verify(base64.b64decode(received.header("PAYPAL-TRANSMISSION-SIG")), message,
                          padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True


def event_types(receiver: Receiver) -> list[str]:
    return [json.loads(body)["event_type"] for body in receiver.bodies()]


def test_every_api_call_needs_an_oauth_token(sim_base: str) -> None:
    assert requests.get(f"{sim_base}/v2/checkout/orders/X", timeout=10).status_code == 401
    assert requests.get(f"{sim_base}/v2/checkout/orders/X", headers={"Authorization": "Bearer made-up"},
                        timeout=10).status_code == 401
    wrong = requests.post(f"{sim_base}/v1/oauth2/token", auth=("client-a", "wrong"),
                          data={"grant_type": "client_credentials"}, timeout=10)
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    answer = requests.get(f"{sim_base}/v2/checkout/orders/X", headers=PayPal(sim_base).auth, timeout=10)
    assert answer.status_code == 404 and issue(answer) == "INVALID_RESOURCE_ID"


def test_create_order_is_idempotent_by_paypal_request_id(paypal: PayPal) -> None:
    first = paypal.create(request_id="payment-1")
    again = paypal.post("/v2/checkout/orders", {"intent": "CAPTURE", "purchase_units": []}, "payment-1")
    other = paypal.create(request_id="payment-2")

    assert first["status"] == "CREATED" and again.status_code == 200 and again.json()["id"] == first["id"]
    assert other["id"] != first["id"]
    assert first["purchase_units"][0]["amount"] == {"currency_code": "JPY", "value": "1500"}
    assert [link["rel"] for link in first["links"]] == ["self", "approve", "capture"]


def test_payment_source_orders_send_the_payer_to_the_payer_action_link(paypal: PayPal) -> None:
    order = paypal.create(payment_source={"paypal": {"experience_context": {"return_url": "http://shop.invalid/r"}}})
    assert order["status"] == "PAYER_ACTION_REQUIRED"
    assert "payer-action" in [link["rel"] for link in order["links"]]
    assert paypal.approve(order).headers["Location"].startswith("http://shop.invalid/r?token=")


@pytest.mark.parametrize("value", ["1500.00", "15.5", "0", "-1", 1500])
def test_jpy_amounts_are_whole_number_strings(paypal: PayPal, value: Any) -> None:
    body = {"intent": "CAPTURE", "purchase_units": [{"amount": {"currency_code": "JPY", "value": value}}]}
    answer = paypal.post("/v2/checkout/orders", body, str(uuid.uuid4()))
    assert answer.status_code == 422 and issue(answer) == "DECIMAL_PRECISION"


def test_approval_page_then_capture_completes_once_per_request_id(paypal: PayPal) -> None:
    order = paypal.create()
    approved = paypal.approve(order)
    assert approved.status_code == 303
    assert approved.headers["Location"].startswith(f"http://shop.invalid/return?token={order['id']}&PayerID=")
    assert paypal.get(f"/v2/checkout/orders/{order['id']}").json()["status"] == "APPROVED"

    first = paypal.capture(order["id"], "capture-1")
    repeated = paypal.capture(order["id"], "capture-1")

    assert first.status_code == 201 and repeated.status_code == 200
    [capture] = first.json()["purchase_units"][0]["payments"]["captures"]
    assert first.json()["status"] == "COMPLETED" and capture["status"] == "COMPLETED"
    assert capture["invoice_id"] == "ORDER-1" and capture["amount"]["value"] == "1500"
    assert repeated.json()["purchase_units"][0]["payments"]["captures"][0]["id"] == capture["id"]
    assert paypal.get(f"/v2/payments/captures/{capture['id']}").json()["status"] == "COMPLETED"


def test_a_second_capture_is_order_already_captured(paypal: PayPal) -> None:
    order = paypal.create()
    paypal.approve(order)
    assert paypal.capture(order["id"]).status_code == 201
    again = paypal.capture(order["id"])
    assert again.status_code == 422 and issue(again) == "ORDER_ALREADY_CAPTURED"


def test_capture_before_approval_is_order_not_approved(paypal: PayPal) -> None:
    answer = paypal.capture(paypal.create()["id"])
    assert answer.status_code == 422 and issue(answer) == "ORDER_NOT_APPROVED"
    assert answer.json()["name"] == "UNPROCESSABLE_ENTITY"


def test_cancel_on_the_page_goes_back_to_the_shop_unapproved(paypal: PayPal) -> None:
    order = paypal.create()
    cancelled = paypal.approve(order, action="cancel")
    assert cancelled.headers["Location"] == f"http://shop.invalid/cancel?token={order['id']}"
    assert issue(paypal.capture(order["id"])) == "ORDER_NOT_APPROVED"


def test_declined_card_is_instrument_declined_and_the_payer_may_choose_again(paypal: PayPal) -> None:
    order = paypal.create()
    paypal.approve(order, instrument="card_declined")
    declined = paypal.capture(order["id"])
    assert declined.status_code == 422 and issue(declined) == "INSTRUMENT_DECLINED"

    again = paypal.get(f"/v2/checkout/orders/{order['id']}").json()
    assert paypal.approve(again).status_code == 303
    assert paypal.capture(order["id"]).json()["status"] == "COMPLETED"


def test_declined_and_pending_captures_and_a_pending_one_settled(paypal: PayPal, receiver: Receiver) -> None:
    declined = paypal.create()
    paypal.approve(declined, instrument="capture_declined")
    answer = paypal.capture(declined["id"]).json()
    assert answer["status"] == "COMPLETED"  # as PayPal: a completed order whose capture was declined
    assert answer["purchase_units"][0]["payments"]["captures"][0]["status"] == "DECLINED"

    pending = paypal.create()
    paypal.approve(pending, instrument="capture_pending")
    capture = paypal.capture(pending["id"]).json()["purchase_units"][0]["payments"]["captures"][0]
    assert capture["status"] == "PENDING" and capture["status_details"] == {"reason": "PENDING_REVIEW"}
    settled = requests.post(f"{paypal.base}/_sim/captures/{capture['id']}/settle", json={"status": "COMPLETED"},
                            timeout=10)
    assert settled.json()["status"] == "COMPLETED"

    wait_for(lambda: len(receiver.bodies()) == 5)
    assert event_types(receiver) == ["CHECKOUT.ORDER.APPROVED", "PAYMENT.CAPTURE.DECLINED", "CHECKOUT.ORDER.APPROVED",
                                     "PAYMENT.CAPTURE.PENDING", "PAYMENT.CAPTURE.COMPLETED"]


def test_refunds_partial_then_full_never_more_than_captured(paypal: PayPal) -> None:
    capture = paypal.paid_capture("1500")
    refund_path = f"/v2/payments/captures/{capture['id']}/refund"

    partial = paypal.post(refund_path, {"amount": {"currency_code": "JPY", "value": "500"}}, "refund-1")
    repeated = paypal.post(refund_path, {"amount": {"currency_code": "JPY", "value": "500"}}, "refund-1")
    too_much = paypal.post(refund_path, {"amount": {"currency_code": "JPY", "value": "1001"}}, "refund-2")
    assert partial.status_code == 201 and partial.json()["amount"]["value"] == "500"
    assert repeated.status_code == 200 and repeated.json()["id"] == partial.json()["id"]
    assert too_much.status_code == 422 and issue(too_much) == "REFUND_AMOUNT_EXCEEDED"
    assert paypal.get(f"/v2/payments/captures/{capture['id']}").json()["status"] == "PARTIALLY_REFUNDED"

    rest = paypal.post(refund_path, None, "refund-3")
    assert rest.status_code == 201 and rest.json()["amount"]["value"] == "1000"
    assert paypal.get(f"/v2/payments/refunds/{rest.json()['id']}").json()["status"] == "COMPLETED"
    assert paypal.get(f"/v2/payments/captures/{capture['id']}").json()["status"] == "REFUNDED"
    assert issue(paypal.post(refund_path, None, "refund-4")) == "CAPTURE_FULLY_REFUNDED"


def test_webhooks_verify_with_the_served_certificate_and_fail_when_the_body_is_altered(
    paypal: PayPal, receiver: Receiver
) -> None:
    capture = paypal.paid_capture()
    paypal.post(f"/v2/payments/captures/{capture['id']}/refund", None, "refund-1")
    wait_for(lambda: len(receiver.bodies()) == 3)
    ca_pem = requests.get(f"{paypal.base}/_sim/ca.pem", timeout=10).content

    assert event_types(receiver) == ["CHECKOUT.ORDER.APPROVED", "PAYMENT.CAPTURE.COMPLETED", "PAYMENT.CAPTURE.REFUNDED"]
    assert all(receiver_accepts(received, paypal.base, ca_pem) for received in receiver.all())
    completed = receiver.all()[1]
    assert json.loads(completed.body)["resource"]["id"] == capture["id"]
    altered = Received(completed.headers, completed.body.replace(b'"1500"', b'"15000"'))
    assert altered.body != completed.body and not receiver_accepts(altered, paypal.base, ca_pem)
    assert not receiver_accepts(completed, paypal.base, ca_pem, webhook_id="ANOTHER")


@pytest.mark.parametrize("kind", ["altered_body", "wrong_key", "foreign_cert_url"])
def test_forged_deliveries_fail_verification(paypal: PayPal, receiver: Receiver, kind: str) -> None:
    paypal.approve(paypal.create())
    wait_for(lambda: len(receiver.bodies()) == 1)
    event_id = json.loads(receiver.bodies()[0])["id"]

    forged = requests.post(f"{paypal.base}/_sim/events/{event_id}/forge", json={"kind": kind}, timeout=10)
    assert forged.status_code == 202 and forged.json()["forged"] == kind
    wait_for(lambda: len(receiver.bodies()) == 2)

    ca_pem = requests.get(f"{paypal.base}/_sim/ca.pem", timeout=10).content
    genuine, fake = receiver.all()
    assert receiver_accepts(genuine, paypal.base, ca_pem)
    assert not receiver_accepts(fake, paypal.base, ca_pem)


def test_duplicates_and_reverse_order_are_delivered_as_asked(paypal: PayPal, receiver: Receiver) -> None:
    control = f"{paypal.base}/_sim/deliveries"
    requests.post(f"{control}/settings", json={"copies": 3, "hold": True}, timeout=10)
    paypal.paid_capture()
    assert receiver.bodies() == []  # held until released

    requests.post(f"{control}/settings", json={"copies": 1}, timeout=10)
    assert requests.post(f"{control}/release", json={"order": "reverse"}, timeout=10).json() == {"released": 6}
    wait_for(lambda: len(receiver.bodies()) == 6)

    assert event_types(receiver) == ["PAYMENT.CAPTURE.COMPLETED"] * 3 + ["CHECKOUT.ORDER.APPROVED"] * 3
    assert len({json.loads(body)["id"] for body in receiver.bodies()}) == 2  # one event id, three transmissions
    assert len({r.header("PAYPAL-TRANSMISSION-ID") for r in receiver.all()}) == 6


def test_redelivery_on_request_is_the_same_event(paypal: PayPal, receiver: Receiver) -> None:
    paypal.approve(paypal.create())
    event_id = json.loads(wait_for(receiver.bodies)[0])["id"]
    assert requests.post(f"{paypal.base}/_sim/events/{event_id}/redeliver", timeout=10).status_code == 202
    wait_for(lambda: len(receiver.bodies()) == 2)
    assert receiver.bodies()[0] == receiver.bodies()[1]


def test_a_webhook_is_sent_again_until_the_receiver_answers_2xx(paypal: PayPal, receiver: Receiver) -> None:
    receiver.statuses = [500, 503, 404]
    paypal.approve(paypal.create())

    [delivery] = wait_for(lambda: [d for d in requests.get(f"{paypal.base}/_sim/deliveries", timeout=10).json()
                                   if d["state"] == "delivered"])
    assert [a["status"] for a in delivery["attempts"]] == [500, 503, 404, 200]
    assert len(set(receiver.bodies())) == 1 and len(receiver.bodies()) == 4


def test_a_delayed_webhook_arrives_later(paypal: PayPal, receiver: Receiver) -> None:
    requests.post(f"{paypal.base}/_sim/deliveries/settings", json={"delay_seconds": 2}, timeout=10)
    paypal.approve(paypal.create())
    wait_for(receiver.bodies)

    [delivery] = requests.get(f"{paypal.base}/_sim/deliveries", timeout=10).json()
    created, not_before, sent = (datetime.fromisoformat(t) for t in
                                 (delivery["created_at"], delivery["not_before"], delivery["attempts"][0]["at"]))
    assert not_before - created >= timedelta(seconds=2) and sent >= not_before


def test_verify_webhook_signature_endpoint(paypal: PayPal, receiver: Receiver) -> None:
    paypal.approve(paypal.create())
    [received] = wait_for(lambda: list(receiver.all()))

    def verify(body: bytes) -> str:
        answer = paypal.post("/v1/notifications/verify-webhook-signature", {
            "auth_algo": received.header("PAYPAL-AUTH-ALGO"), "cert_url": received.header("PAYPAL-CERT-URL"),
            "transmission_id": received.header("PAYPAL-TRANSMISSION-ID"),
            "transmission_sig": received.header("PAYPAL-TRANSMISSION-SIG"),
            "transmission_time": received.header("PAYPAL-TRANSMISSION-TIME"),
            "webhook_id": "WH1TEST", "webhook_event": json.loads(body),
        })
        assert answer.status_code == 200
        return str(answer.json()["verification_status"])

    assert verify(received.body) == "SUCCESS"
    assert verify(received.body.replace(b"CHECKOUT.ORDER.APPROVED", b"PAYMENT.CAPTURE.COMPLETED")) == "FAILURE"
    assert paypal.post("/v1/notifications/verify-webhook-signature", {}).status_code == 400


def test_a_pending_capture_denied_and_a_completed_one_reversed(paypal: PayPal, receiver: Receiver) -> None:
    pending = paypal.create()
    paypal.approve(pending, instrument="capture_pending")
    pending_capture = paypal.capture(pending["id"]).json()["purchase_units"][0]["payments"]["captures"][0]
    completed_capture = paypal.paid_capture()

    def settle(capture_id: str, status: str) -> requests.Response:
        return requests.post(f"{paypal.base}/_sim/captures/{capture_id}/settle", json={"status": status}, timeout=10)

    assert settle(pending_capture["id"], "DECLINED").json()["status"] == "DECLINED"
    assert settle(completed_capture["id"], "REVERSED").json()["status"] == "REVERSED"
    assert issue(settle(completed_capture["id"], "COMPLETED")) == "CAPTURE_STATUS_NOT_VALID"
    refused = paypal.post(f"/v2/payments/captures/{completed_capture['id']}/refund", None, "refund-1")
    assert refused.status_code == 422 and issue(refused) == "REFUND_NOT_ALLOWED"

    wait_for(lambda: len(receiver.bodies()) == 6)
    assert event_types(receiver)[-2:] == ["PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.REVERSED"]
