from __future__ import annotations

import pytest
from identity_steps import FakeHasher

from shomei_devtools.dev_secrets import fernet_key
from shomei_identity.bootstrap import bootstrap_in_memory
from shomei_identity.settings import IdentitySettings
from shomei_shared.clock import FakeClock
from shomei_shared.service import Service


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def identity(clock: FakeClock) -> Service:
    settings = IdentitySettings(environment="test", public_base_url="http://gw.test", secret_seal_key=fernet_key())
    return bootstrap_in_memory(settings, clock=clock, hasher=FakeHasher())
