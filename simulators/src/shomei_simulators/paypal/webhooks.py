"""Webhook events: made, signed, delivered (also twice, late, reordered or forged), verified."""

import json
import threading
import uuid
from datetime import UTC, datetime
from typing import Any

from shomei_simulators.delivery import Deliverer, Delivery, utc_now_text
from shomei_simulators.paypal.certs import AUTH_ALGO, SigningIdentity, signed_string, verify

FORGERIES = ("altered_body", "wrong_key", "foreign_cert_url")
FOREIGN_CERT_URL = "https://certs.attacker.invalid/v1/notifications/certs/CERT-forged"


def event_body(event: dict[str, Any]) -> bytes:
    # One serialisation, so verify-webhook-signature can rebuild the exact bytes from the JSON.
    return json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Webhooks:
    def __init__(self, deliverer: Deliverer, webhook_id: str, webhook_url: str | None) -> None:
        self.deliverer = deliverer
        self.webhook_id = webhook_id
        self.webhook_url = webhook_url
        self.identity, self.ca = SigningIdentity.new_ca_and_leaf()
        self.forger = SigningIdentity.new_self_signed()
        self._lock = threading.Lock()
        self._events: dict[str, dict[str, Any]] = {}

    def cert_url(self, base: str, identity: SigningIdentity) -> str:
        return f"{base}/v1/notifications/certs/{identity.cert_id}"

    def chain_pem(self, cert_id: str) -> bytes | None:
        # The forger's certificate is served too: a receiver must refuse it for its chain, not its absence.
        for identity in (self.identity, self.forger):
            if identity.cert_id == cert_id:
                return identity.chain_pem()
        return None

    def _headers(
        self, base: str, body: bytes, identity: SigningIdentity, cert_url: str | None = None
    ) -> dict[str, str]:
        transmission_id = str(uuid.uuid1())
        transmission_time = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        signature = identity.sign(signed_string(transmission_id, transmission_time, self.webhook_id, body))
        return {
            "Content-Type": "application/json",
            "PAYPAL-TRANSMISSION-ID": transmission_id,
            "PAYPAL-TRANSMISSION-TIME": transmission_time,
            "PAYPAL-TRANSMISSION-SIG": signature,
            "PAYPAL-CERT-URL": cert_url or self.cert_url(base, identity),
            "PAYPAL-AUTH-ALGO": AUTH_ALGO,
        }

    def emit(
        self, base: str, event_type: str, resource_type: str, resource: dict[str, Any], summary: str
    ) -> dict[str, Any]:
        event_id = f"WH-{uuid.uuid4().hex[:17].upper()}-{uuid.uuid4().hex[:17].upper()}"
        event = {
            "id": event_id,
            "event_version": "1.0",
            "create_time": utc_now_text(),
            "resource_type": resource_type,
            "resource_version": "2.0",
            "event_type": event_type,
            "summary": summary,
            "resource": resource,
            "links": [{"href": f"{base}/v1/notifications/webhooks-events/{event_id}", "rel": "self", "method": "GET"}],
        }
        with self._lock:
            self._events[event_id] = event
        self.deliverer.publish(event_id, event_type, self.webhook_url, event_body(event),
                               lambda body: self._headers(base, body, self.identity))
        return event

    def event(self, event_id: str) -> dict[str, Any] | None:
        with self._lock:
            return self._events.get(event_id)

    def events(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._events.values())

    def redeliver(self, base: str, event_id: str) -> Delivery | None:
        event = self.event(event_id)
        if event is None or not self.webhook_url:
            return None
        body = event_body(event)
        return self.deliverer.submit(event_id, event["event_type"], self.webhook_url, body,
                                     self._headers(base, body, self.identity))

    def forge(self, base: str, event_id: str, kind: str) -> Delivery | None:
        """Send a delivery a receiver must refuse: see FORGERIES."""
        event = self.event(event_id)
        if event is None or not self.webhook_url or kind not in FORGERIES:
            return None
        body = event_body(event)
        if kind == "altered_body":
            headers = self._headers(base, body, self.identity)
            changed = json.loads(body)
            changed["resource"]["forged"] = True
            body = event_body(changed)
        elif kind == "wrong_key":
            headers = self._headers(base, body, self.forger)
        else:
            headers = self._headers(base, body, self.forger, cert_url=FOREIGN_CERT_URL)
        return self.deliverer.submit(event_id, event["event_type"], self.webhook_url, body, headers, forged=kind)

    def verify_request(self, base: str, request: dict[str, Any]) -> str:
        """What PayPal's verify-webhook-signature answers: SUCCESS or FAILURE."""
        fields = ("auth_algo", "cert_url", "transmission_id", "transmission_sig", "transmission_time", "webhook_id")
        complete = all(isinstance(request.get(name), str) for name in fields)
        if not complete or not isinstance(request.get("webhook_event"), dict):
            raise ValueError("missing field")
        if (request["auth_algo"] != AUTH_ALGO or request["webhook_id"] != self.webhook_id
                or request["cert_url"] != self.cert_url(base, self.identity)):
            return "FAILURE"
        message = signed_string(request["transmission_id"], request["transmission_time"], request["webhook_id"],
                                event_body(request["webhook_event"]))
        return "SUCCESS" if verify(self.identity.chain[0], message, request["transmission_sig"]) else "FAILURE"
