"""On-whose-behalf assertions: identity signs, for a live session, who acts (tenant, subject,
kind, roles); every called service verifies with identity's public keys (ADR 0019).

A JWT signed with Ed25519 (EdDSA) by PyJWT; the `kid` header picks the key from a key ring, so
identity can add a key, publish it, sign with it and retire the old one without downtime. Assertions
live a few minutes: the gateway and the console get a fresh one with every session lookup.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jwt.algorithms import OKPAlgorithm

ASSERTION_HEADER = "X-Shomei-Assertion"
ISSUER = "shomei-identity"
AUDIENCE = "shomei-internal"
ALGORITHM = "EdDSA"
DEFAULT_TTL_S = 300
_STAFF_ROLES_SEE_ALL = "tenant_admin"


@dataclass(frozen=True)
class Actor:
    """The person a call is made for: a graduate account or a staff member of one tenant."""

    tenant_id: str
    subject_id: str
    kind: str  # graduate | staff
    roles: tuple[str, ...] = ()

    def may(self, role: str | None) -> bool:
        """A tenant admin may do everything; `None` asks for any staff role at all."""
        if role is None:
            return bool(self.roles)
        return role in self.roles or _STAFF_ROLES_SEE_ALL in self.roles


def new_signing_key(kid: str | None = None) -> dict[str, Any]:
    """A fresh Ed25519 private key as a JWK (with its `kid`), for identity's key ring."""
    jwk: dict[str, Any] = json.loads(OKPAlgorithm.to_jwk(Ed25519PrivateKey.generate()))
    return {**jwk, "kid": kid or uuid.uuid4().hex, "alg": ALGORITHM, "use": "sig"}


def public_jwks(signing_keys: str) -> str:
    """The public half of a private key ring (JWKS JSON), as the verifying services hold it."""
    keys = json.loads(signing_keys or '{"keys": []}')["keys"]
    return json.dumps({"keys": [{k: v for k, v in key.items() if k != "d"} for key in keys]})


class AssertionSigner:
    """Identity's side. `signing_keys` is a JWKS of private keys; the first one signs."""

    def __init__(self, signing_keys: str, ttl_s: int = DEFAULT_TTL_S) -> None:
        try:
            ring = jwt.PyJWKSet.from_json(signing_keys).keys
        except (ValueError, jwt.PyJWTError):
            ring = []
        if not ring:
            raise ValueError("identity needs its assertion signing keys (SHOMEI_ASSERTION_SIGNING_KEYS, a private "
                             "JWKS; `python -m shomei_devtools.trust RUN_DIR identity` makes one for development)")
        self._key = ring[0]
        self._ttl_s = ttl_s

    def issue(self, actor: Actor) -> str:
        now = int(time.time())
        claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": actor.subject_id, "tenant": actor.tenant_id,
                  "kind": actor.kind, "roles": list(actor.roles), "iat": now, "nbf": now,
                  "exp": now + self._ttl_s, "jti": uuid.uuid4().hex}
        return jwt.encode(claims, self._key.key, algorithm=ALGORITHM, headers={"kid": self._key.key_id})


class AssertionVerifier:
    """A called service's side: identity's public keys (JWKS JSON), every `kid` of the ring."""

    def __init__(self, public_keys: str) -> None:
        ring = jwt.PyJWKSet.from_json(public_keys).keys if public_keys else []
        self._keys = {key.key_id: key for key in ring if key.key_id}

    def verify(self, token: str) -> Actor | None:
        """The actor the token names, or None when it is missing, forged, expired or malformed."""
        if not token:
            return None
        try:
            key = self._keys.get(jwt.get_unverified_header(token).get("kid", ""))
            if key is None:
                return None
            claims = jwt.decode(token, key.key, algorithms=[ALGORITHM], audience=AUDIENCE, issuer=ISSUER,
                                options={"require": ["exp", "iat", "sub", "jti", "aud", "iss"]}, leeway=5)
        except jwt.PyJWTError:
            return None
        tenant, kind, roles = claims.get("tenant"), claims.get("kind"), claims.get("roles", [])
        if not isinstance(tenant, str) or not tenant or kind not in ("graduate", "staff") \
                or not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
            return None
        return Actor(tenant, str(claims["sub"]), str(kind), tuple(roles) if kind == "staff" else ())
