"""Verifying a PayPal webhook ourselves, before anything else reads it (ADR 0029).

PayPal signs `transmission_id|transmission_time|webhook_id|crc32(raw body)` with SHA256withRSA by a
certificate it serves from its own host. We fetch that certificate only from the configured host,
check its chain up to the configured CA and its validity, keep it (by URL) and verify the signature
on the raw bytes received. Asking PayPal's verify-webhook-signature instead would cost a call per
webhook and trust the body we were sent to be the one PayPal signed."""

from __future__ import annotations

import base64
import binascii
import itertools
import threading
import zlib
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import requests
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

AUTH_ALGO = "SHA256withRSA"
HEADERS = ("PAYPAL-TRANSMISSION-ID", "PAYPAL-TRANSMISSION-TIME", "PAYPAL-TRANSMISSION-SIG", "PAYPAL-CERT-URL",
           "PAYPAL-AUTH-ALGO")


class WebhookRefused(Exception):
    """Why a webhook is refused (`reason` is the metric's label; nothing of the body)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def signed_string(transmission_id: str, transmission_time: str, webhook_id: str, body: bytes) -> bytes:
    return f"{transmission_id}|{transmission_time}|{webhook_id}|{zlib.crc32(body) & 0xFFFFFFFF}".encode()


class WebhookVerifier:
    def __init__(self, webhook_id: str, cert_url_prefix: str, trusted_ca_pem: bytes, now: Callable[[], datetime],
                 max_age: timedelta = timedelta(days=3, hours=1), fetch: Callable[[str], bytes] | None = None) -> None:
        self._webhook_id = webhook_id
        self._prefix = cert_url_prefix
        self._anchors = x509.load_pem_x509_certificates(trusted_ca_pem)
        self._now = now
        # PayPal retries a delivery for three days with the same transmission: older is a replay.
        self._max_age = max_age
        self._fetch = fetch or _fetch
        self._lock = threading.Lock()
        self._chains: dict[str, list[x509.Certificate]] = {}

    def verify(self, headers: Mapping[str, str], body: bytes) -> str:
        """The transmission id of a webhook PayPal signed; raises WebhookRefused otherwise."""
        values = {name: headers.get(name, "") for name in HEADERS}
        if not all(values.values()):
            raise WebhookRefused("missing_headers")
        if values["PAYPAL-AUTH-ALGO"] != AUTH_ALGO:
            raise WebhookRefused("algorithm")
        self._check_time(values["PAYPAL-TRANSMISSION-TIME"])
        leaf = self._chain(values["PAYPAL-CERT-URL"])[0]
        try:
            signature = base64.b64decode(values["PAYPAL-TRANSMISSION-SIG"], validate=True)
            key = leaf.public_key()
            if not isinstance(key, rsa.RSAPublicKey):
                raise WebhookRefused("certificate")
            key.verify(signature, signed_string(values["PAYPAL-TRANSMISSION-ID"], values["PAYPAL-TRANSMISSION-TIME"],
                                                self._webhook_id, body), padding.PKCS1v15(), hashes.SHA256())
        except (InvalidSignature, binascii.Error, ValueError):
            raise WebhookRefused("signature") from None
        return values["PAYPAL-TRANSMISSION-ID"]

    def _check_time(self, text: str) -> None:
        try:
            sent = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise WebhookRefused("time") from None
        if sent.tzinfo is None:
            sent = sent.replace(tzinfo=UTC)
        now = self._now()
        if sent < now - self._max_age or sent > now + timedelta(minutes=5):
            raise WebhookRefused("stale")

    def _chain(self, url: str) -> list[x509.Certificate]:
        if not _under(url, self._prefix):
            raise WebhookRefused("cert_host")  # never fetched: the URL is the sender's to choose
        with self._lock:
            chain = self._chains.get(url)
        if chain is None:
            try:
                chain = x509.load_pem_x509_certificates(self._fetch(url))
            except (requests.RequestException, ValueError):
                raise WebhookRefused("certificate") from None
            self._check_chain(chain)
            with self._lock:
                self._chains[url] = chain
        self._check_validity(chain)  # again at every use: a kept certificate expires too
        return chain

    def _check_chain(self, chain: list[x509.Certificate]) -> None:
        """Each certificate issued by the next, the last by a trusted CA (or being one)."""
        for cert, issuer in itertools.pairwise(chain):
            if not _issued_by(cert, issuer):
                raise WebhookRefused("cert_chain")
        last = chain[-1]
        if not any(last == anchor or _issued_by(last, anchor) for anchor in self._anchors):
            raise WebhookRefused("cert_chain")

    def _check_validity(self, chain: list[x509.Certificate]) -> None:
        now = self._now()
        if any(not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc for cert in chain):
            raise WebhookRefused("cert_expired")


def _under(url: str, prefix: str) -> bool:
    given, allowed = urlsplit(url), urlsplit(prefix)
    return (given.scheme, given.netloc) == (allowed.scheme, allowed.netloc) and given.path.startswith(allowed.path) \
        and not given.query and not given.fragment and ".." not in given.path


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _fetch(url: str) -> bytes:
    answer = requests.get(url, timeout=(5.0, 10.0), allow_redirects=False)
    answer.raise_for_status()
    return answer.content
