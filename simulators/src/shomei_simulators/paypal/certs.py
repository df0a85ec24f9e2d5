"""The simulator's own webhook-signing certificates, and PayPal's signature over a webhook.

PayPal signs ``transmission_id|transmission_time|webhook_id|crc32(body)`` with SHA256withRSA and
names, in PAYPAL-CERT-URL, where the certificate is. The simulator makes a small CA and a leaf at
start (nothing to keep, nothing secret on disk) and serves the leaf followed by the CA there, so a
receiver checks the chain against the CA exactly as it would against PayPal's.
"""

import base64
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

LEAF_COMMON_NAME = "messageverificationcerts.paypal-simulator.shomei.invalid"
AUTH_ALGO = "SHA256withRSA"


def signed_string(transmission_id: str, transmission_time: str, webhook_id: str, body: bytes) -> bytes:
    # crc32 as an unsigned decimal: zlib.crc32 already returns 0..2**32-1 in Python 3.
    return f"{transmission_id}|{transmission_time}|{webhook_id}|{zlib.crc32(body)}".encode()


def _name(common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Shomei PayPal simulator"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def _certificate(
    subject: str, issuer: str, public_key: rsa.RSAPublicKey, signing_key: rsa.RSAPrivateKey, ca: bool
) -> x509.Certificate:
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 if ca else 90))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
    )
    if not ca:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(subject)]), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


def _new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass(frozen=True)
class SigningIdentity:
    """A key and the certificate chain (leaf first) that a receiver is given for it."""

    key: rsa.RSAPrivateKey
    chain: tuple[x509.Certificate, ...]
    cert_id: str

    @classmethod
    def new_ca_and_leaf(cls) -> "tuple[SigningIdentity, x509.Certificate]":
        ca_key, leaf_key = _new_key(), _new_key()
        ca_name = "Shomei PayPal simulator root CA"
        ca = _certificate(ca_name, ca_name, ca_key.public_key(), ca_key, ca=True)
        leaf = _certificate(LEAF_COMMON_NAME, ca_name, leaf_key.public_key(), ca_key, ca=False)
        return cls(leaf_key, (leaf, ca), f"CERT-{leaf.serial_number:x}"), ca

    @classmethod
    def new_self_signed(cls) -> "SigningIdentity":
        """A look-alike nobody issued: what a forger would sign with."""
        key = _new_key()
        leaf = _certificate(LEAF_COMMON_NAME, LEAF_COMMON_NAME, key.public_key(), key, ca=False)
        return cls(key, (leaf,), f"CERT-{leaf.serial_number:x}")

    def chain_pem(self) -> bytes:
        return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in self.chain)

    def sign(self, message: bytes) -> str:
        signature = self.key.sign(message, padding.PKCS1v15(), hashes.SHA256())
        return base64.b64encode(signature).decode("ascii")


def verify(certificate: x509.Certificate, message: bytes, signature_b64: str) -> bool:
    public_key = certificate.public_key()
    if not isinstance(public_key, rsa.RSAPublicKey):
        return False
    try:
        public_key.verify(base64.b64decode(signature_b64, validate=True), message, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError):
        return False
    return True
