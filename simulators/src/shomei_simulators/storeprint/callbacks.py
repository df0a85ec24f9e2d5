"""Telling the suite that something was printed: a signed POST, retried until 2xx.

The body is JSON; ``X-Print-Signature: t=<unix seconds>,v1=<hex>`` carries
HMAC-SHA256(secret, "<t>.<body>"), so a receiver can check both who sent it and
that it is fresh. Each delivery runs on its own thread with exponential backoff;
every attempt is kept for ``/_sim/callbacks``.
"""

import hashlib
import hmac
import json
import secrets
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from shomei_simulators.storeprint.clock import isoformat

SIGNATURE_HEADER = "X-Print-Signature"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, header: str, body: bytes) -> bool:
    """What a receiver does; the tests use it, and so can print-gateway's own tests."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), header)


@dataclass
class Attempt:
    at: datetime
    status: int | None
    error: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"at": isoformat(self.at), "status": self.status, "error": self.error}


@dataclass
class Delivery:
    delivery_id: str
    payload: dict[str, Any]
    attempts: list[Attempt] = field(default_factory=list)
    delivered: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "delivery_id": self.delivery_id,
            "payload": self.payload,
            "delivered": self.delivered,
            "attempts": [a.to_dict() for a in self.attempts],
        }


class CallbackSender:
    def __init__(
        self,
        url: str | None,
        secret: str,
        *,
        first_delay: float = 0.2,
        max_delay: float = 10.0,
        timeout: float = 5.0,
    ) -> None:
        self._url = url
        self._secret = secret
        self._first_delay = first_delay
        self._max_delay = max_delay
        self._timeout = timeout
        self._deliveries: list[Delivery] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()

    def send(self, payload: dict[str, Any]) -> Delivery:
        delivery = Delivery(delivery_id=secrets.token_hex(8), payload=payload)
        with self._lock:
            self._deliveries.append(delivery)
        if self._url is not None:
            threading.Thread(
                target=self._deliver, args=(delivery,), daemon=True
            ).start()
        return delivery

    def deliveries(self) -> list[Delivery]:
        with self._lock:
            return list(self._deliveries)

    def stop(self) -> None:
        self._stopping.set()

    def _deliver(self, delivery: Delivery) -> None:
        assert self._url is not None
        body = json.dumps(delivery.payload, ensure_ascii=False).encode()
        delay = self._first_delay
        while not self._stopping.is_set():
            attempt = self._attempt(self._url, body)
            with self._lock:
                delivery.attempts.append(attempt)
                if attempt.status is not None and 200 <= attempt.status < 300:
                    delivery.delivered = True
                    return
            self._stopping.wait(delay)
            delay = min(delay * 2, self._max_delay)

    def _attempt(self, url: str, body: bytes) -> Attempt:
        # Signed per attempt: a retry an hour later carries a fresh timestamp.
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: sign(self._secret, int(time.time()), body),
        }
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        now = datetime.now(UTC)
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:
                return Attempt(now, response.status, None)
        except urllib.error.HTTPError as error:
            return Attempt(now, error.code, None)
        except (urllib.error.URLError, OSError) as error:
            return Attempt(now, None, type(error).__name__ + ": " + str(error))
