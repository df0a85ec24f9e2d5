from __future__ import annotations

import hashlib

import pytest

from shomei_devtools.dev_secrets import fernet_key
from shomei_identity.bootstrap import bootstrap_in_memory
from shomei_identity.settings import IdentitySettings
from shomei_shared.clock import FakeClock
from shomei_shared.service import Service


class FakeHasher:
    """Fast stand-in for argon2 (service-layer tests check the handlers, not the hashing)."""

    def hash(self, password: str) -> str:
        return "fake$" + hashlib.sha256(password.encode()).hexdigest()

    def verify(self, password_hash: str, password: str) -> bool:
        return password_hash == self.hash(password)

    def needs_rehash(self, password_hash: str) -> bool:
        return False


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def identity(clock: FakeClock) -> Service:
    settings = IdentitySettings(environment="test", public_base_url="http://gw.test", secret_seal_key=fernet_key())
    return bootstrap_in_memory(settings, clock=clock, hasher=FakeHasher())
