"""Delivery of a provider's notifications to the merchant, with retries until answered 2xx.

Both payment simulators push to the merchant the way their providers do: a POST that is sent
again, with growing pauses, until the receiver answers 2xx. Tests also need the awkward cases a
real provider produces now and then, so deliveries can be held and released in reverse order,
sent several times, or sent late. One background thread delivers one at a time, in due order, so
"reverse order" means what it says at the receiver.
"""

import builtins
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

Signer = Callable[[bytes], dict[str, str]]


def utc_now_text(later_seconds: float = 0.0) -> str:
    moment = datetime.now(UTC) + timedelta(seconds=later_seconds)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class Attempt:
    at: str
    status: int | None
    error: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"at": self.at, "status": self.status, "error": self.error}


@dataclass
class Delivery:
    id: str
    event_id: str
    label: str
    url: str
    body: bytes
    headers: dict[str, str]
    seq: int
    due: float
    created_at: str
    not_before: str
    held: bool = False
    forged: str | None = None
    state: str = "pending"  # pending → delivered | gave_up
    attempts: list[Attempt] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "event_id": self.event_id,
            "label": self.label,
            "url": self.url,
            "state": "held" if self.held else self.state,
            "created_at": self.created_at,
            "not_before": self.not_before,
            "forged": self.forged,
            "headers": self.headers,
            "body": self.body.decode("utf-8", errors="replace"),
            "attempts": [a.to_dict() for a in self.attempts],
        }


@dataclass
class DeliverySettings:
    """What the next published events get: how many copies, how late, whether held."""

    copies: int = 1
    delay_seconds: float = 0.0
    hold: bool = False


class Deliverer:
    """Queue of deliveries and the thread that sends them."""

    def __init__(
        self,
        retry_base_seconds: float = 1.0,
        retry_cap_seconds: float = 60.0,
        max_attempts: int = 25,
        timeout_seconds: float = 10.0,
    ) -> None:
        self.retry_base_seconds = retry_base_seconds
        self.retry_cap_seconds = retry_cap_seconds
        self.max_attempts = max_attempts
        self.timeout_seconds = timeout_seconds
        self.settings = DeliverySettings()
        self._deliveries: list[Delivery] = []
        self._seq = 0
        self._changed = threading.Condition()
        self._stopping = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="deliverer", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=self.timeout_seconds + 1)

    def publish(
        self, event_id: str, label: str, url: str | None, body: bytes, sign: Signer
    ) -> builtins.list[Delivery]:
        """Deliver ``body`` as the settings say; every copy is signed afresh."""
        if not url:
            return []
        with self._changed:
            settings = DeliverySettings(**vars(self.settings))
        return [
            self.submit(event_id, label, url, body, sign(body), settings.delay_seconds, settings.hold)
            for _ in range(max(1, settings.copies))
        ]

    def submit(
        self,
        event_id: str,
        label: str,
        url: str,
        body: bytes,
        headers: Mapping[str, str],
        delay_seconds: float = 0.0,
        held: bool = False,
        forged: str | None = None,
    ) -> Delivery:
        with self._changed:
            self._seq += 1
            delivery = Delivery(
                id=uuid.uuid4().hex,
                event_id=event_id,
                label=label,
                url=url,
                body=body,
                headers=dict(headers),
                seq=self._seq,
                due=time.monotonic() + delay_seconds,
                created_at=utc_now_text(),
                not_before=utc_now_text(delay_seconds),
                held=held,
                forged=forged,
            )
            self._deliveries.append(delivery)
            self._changed.notify_all()
        return delivery

    def release(self, reverse: bool = False) -> int:
        """Let held deliveries go, in the order they were made or in reverse."""
        with self._changed:
            held = [d for d in self._deliveries if d.held]
            if reverse:
                held.reverse()
            now = time.monotonic()
            for delivery in held:
                self._seq += 1
                delivery.seq, delivery.due, delivery.held = self._seq, now, False
            self.settings.hold = False
            self._changed.notify_all()
        return len(held)

    def list(self) -> builtins.list[dict[str, Any]]:
        with self._changed:
            return [d.to_dict() for d in self._deliveries]

    def _next_due(self) -> tuple[Delivery | None, float | None]:
        waiting = [d for d in self._deliveries if d.state == "pending" and not d.held]
        if not waiting:
            return None, None
        first = min(waiting, key=lambda d: (d.due, d.seq))
        wait = first.due - time.monotonic()
        return (first, None) if wait <= 0 else (None, wait)

    def _run(self) -> None:
        while True:
            with self._changed:
                delivery, wait = self._next_due()
                while delivery is None and not self._stopping:
                    self._changed.wait(timeout=wait)
                    delivery, wait = self._next_due()
                if self._stopping or delivery is None:
                    return
            attempt = self._send(delivery)
            with self._changed:
                delivery.attempts.append(attempt)
                if attempt.status is not None and 200 <= attempt.status < 300:
                    delivery.state = "delivered"
                elif len(delivery.attempts) >= self.max_attempts:
                    delivery.state = "gave_up"
                else:
                    # Doubling pauses, as PayPal's redeliveries grow over its three days.
                    pause = self.retry_base_seconds * 2 ** (len(delivery.attempts) - 1)
                    delivery.due = time.monotonic() + min(self.retry_cap_seconds, pause)

    def _send(self, delivery: Delivery) -> Attempt:
        request = urllib.request.Request(
            delivery.url, data=delivery.body, headers=delivery.headers, method="POST"
        )
        at = utc_now_text()
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_seconds) as response:
                return Attempt(at=at, status=response.status, error=None)
        except urllib.error.HTTPError as error:
            error.close()
            return Attempt(at=at, status=error.code, error=None)
        except OSError as error:
            return Attempt(at=at, status=None, error=str(error))
