"""Steps the service-layer tests share: a fast hasher, and accounts brought to a state through
the commands themselves (on the test path: pyproject's `pythonpath`)."""

from __future__ import annotations

import hashlib
from typing import Any

from shomei_identity.service_layer import commands as c
from shomei_identity.service_layer.results import MUST_SET_PASSWORDS
from shomei_shared.service import Service


class FakeHasher:
    """Fast stand-in for argon2 (service-layer tests check the handlers, not the hashing)."""

    def hash(self, password: str) -> str:
        return "fake$" + hashlib.sha256(password.encode()).hexdigest()

    def verify(self, password_hash: str, password: str) -> bool:
        return password_hash == self.hash(password)

    def needs_rehash(self, password_hash: str) -> bool:
        return False


T = "demo-univ"
PASSWORD, SECOND = "Tsukuba Seven 7", "Hongo Campus 1877"


def log(identity: Service) -> list[tuple[str, dict[str, Any]]]:
    assert identity.fakes is not None
    return [(e.type, e.payload) for _, e in identity.fakes[1].log]


def redeem(identity: Service, secret_ref: str) -> str:
    value: str = identity.handle(c.RedeemSecret(secret_ref)).value
    return value


def token_of(identity: Service, event_type: str) -> str:
    payload = [p for t, p in log(identity) if t == event_type][-1]
    return redeem(identity, payload["secret_ref"]).split("token=")[1]


def activated(identity: Service, email: str = "Taro@Example.jp", application_id: str = "app-1") -> tuple[str, str]:
    account_id = identity.handle(c.ActivateAccount(T, application_id, email, "ja"))
    payload = [p for t, p in log(identity) if t == "AccountActivated"][-1]
    return account_id, redeem(identity, payload["secret_ref"])


def setup_token(identity: Service, initial: str) -> str:
    result = identity.handle(c.LogIn(T, "taro@example.jp", initial, ""))
    assert result.status == MUST_SET_PASSWORDS and result.setup_token
    token: str = result.setup_token
    return token


def active(identity: Service) -> str:
    account_id, initial = activated(identity)
    identity.handle(c.SetFirstPasswords(setup_token(identity, initial), PASSWORD, SECOND))
    return account_id
