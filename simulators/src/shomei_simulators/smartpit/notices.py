"""Payment notices (速報 / 確報 / 速報取消) to the merchant, HMAC-SHA256 signed.

The shape is ours (Smart Pit's system-integration spec is not public): a JSON body and two
headers, ``X-SmartPit-Timestamp`` (Unix seconds) and ``X-SmartPit-Signature: v1=<hex>`` where
``<hex>`` is HMAC-SHA256 under the merchant's notice secret over ``<timestamp>.<raw body>``. The
timestamp inside the signature lets a receiver refuse an old notice replayed; the ``notice_id``
lets it recognise one sent again.
"""

import hashlib
import hmac
import json
import threading
import time
import uuid
from typing import Any

from shomei_simulators.delivery import Deliverer, Delivery, utc_now_text
from shomei_simulators.smartpit.bills import Bill, Payment

SIGNATURE_HEADER = "X-SmartPit-Signature"
TIMESTAMP_HEADER = "X-SmartPit-Timestamp"
NOTICE_TYPES = {"quick": "速報", "confirmed": "確報", "quick_cancelled": "速報取消"}


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"v1={digest}"


def signature_valid(secret: str, timestamp: str, body: bytes, header: str) -> bool:
    return hmac.compare_digest(signature(secret, timestamp, body), header)


class Notices:
    def __init__(self, deliverer: Deliverer, secret: str, merchant_code: str, notice_url: str | None) -> None:
        self.deliverer = deliverer
        self.secret = secret
        self.merchant_code = merchant_code
        self.notice_url = notice_url
        self._lock = threading.Lock()
        self._notices: dict[str, dict[str, Any]] = {}

    def _headers(self, body: bytes) -> dict[str, str]:
        timestamp = str(int(time.time()))
        return {"Content-Type": "application/json", TIMESTAMP_HEADER: timestamp,
                SIGNATURE_HEADER: signature(self.secret, timestamp, body)}

    @staticmethod
    def _body(notice: dict[str, Any]) -> bytes:
        return json.dumps(notice, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def send(self, notice_type: str, bill: Bill, payment: Payment) -> dict[str, Any]:
        notice_id = uuid.uuid4().hex
        notice: dict[str, Any] = {
            "notice_id": notice_id,
            "notice_type": notice_type,
            "merchant_code": self.merchant_code,
            "smartpit_number": bill.number,
            "bill_id": bill.bill_id,
            "payment_id": payment.id,
            "amount": payment.amount,
            "store": payment.store,
            "paid_at": payment.paid_at.isoformat(timespec="seconds"),
            "notified_at": utc_now_text(),
        }
        with self._lock:
            self._notices[notice_id] = notice
        self.deliverer.publish(notice_id, notice_type, self.notice_url, self._body(notice), self._headers)
        return notice

    def list(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._notices.values())

    def redeliver(self, notice_id: str) -> Delivery | None:
        """The same notice once more, signed afresh, as the centre resends one."""
        with self._lock:
            notice = self._notices.get(notice_id)
        if notice is None or not self.notice_url:
            return None
        body = self._body(notice)
        return self.deliverer.submit(notice_id, notice["notice_type"], self.notice_url, body, self._headers(body))
