"""Smart Pit: bill registration (a client on `requests`) and the notices' signature (ADR 0025's
shape: `X-SmartPit-Signature: v1=<hex HMAC-SHA256 of "<X-SmartPit-Timestamp>.<raw body>">`)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

import requests

from shomei_payment.adapters.paypal_webhooks import WebhookRefused

TIMEOUT = (5.0, 20.0)
# A notice sent again is signed again with a new timestamp: an old one is a replay.
MAX_AGE = timedelta(minutes=5)


class SmartPitError(RuntimeError):
    """Smart Pit refused a bill (its error code; never the key)."""


class SmartPitClient:
    def __init__(self, base_url: str, api_key: str, session: requests.Session | None = None) -> None:
        self._base = base_url.rstrip("/")
        self._key = api_key
        self._session = session or requests.Session()

    def register_bill(self, bill_id: str, amount: int, due: datetime) -> str:
        answer = self._session.post(f"{self._base}/api/v1/bills", timeout=TIMEOUT,
                                    headers={"Authorization": f"Bearer {self._key}"},
                                    json={"bill_id": bill_id, "amount": amount, "due": due.isoformat()})
        if answer.status_code not in (200, 201):
            try:
                code = answer.json().get("error", "")
            except ValueError:
                code = ""
            raise SmartPitError(f"Smart Pit bill {bill_id}: {answer.status_code} {code}")
        number: str = answer.json()["smartpit_number"]
        return number


def verify_notice(headers: Mapping[str, str], body: bytes, secret: str, now: Callable[[], datetime]) -> None:
    """Raises WebhookRefused unless Smart Pit signed this body lately."""
    timestamp, signature = headers.get("X-SmartPit-Timestamp", ""), headers.get("X-SmartPit-Signature", "")
    if not timestamp.isdigit() or not signature.startswith("v1="):
        raise WebhookRefused("missing_headers")
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature.removeprefix("v1=")):
        raise WebhookRefused("signature")
    sent = datetime.fromtimestamp(int(timestamp), tz=now().tzinfo)
    if abs(now() - sent) > MAX_AGE:
        raise WebhookRefused("stale")
