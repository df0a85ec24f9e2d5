from __future__ import annotations

import base64

import pytest
from argon2 import extract_parameters

from shomei_devtools.dev_secrets import fernet_key
from shomei_identity.adapters.hashing import Argon2Hasher
from shomei_identity.settings import load_settings
from shomei_shared.sealing import FernetSealer, seal_key
from shomei_shared.settings import SettingsError


def test_argon2id_with_owasp_parameters() -> None:
    hasher = Argon2Hasher()
    stored = hasher.hash("Tsukuba Seven 7")
    parameters = extract_parameters(stored)
    assert stored.startswith("$argon2id$")
    assert (parameters.memory_cost, parameters.time_cost, parameters.parallelism) == (19456, 2, 1)
    assert hasher.verify(stored, "Tsukuba Seven 7") and not hasher.verify(stored, "tsukuba seven 7")
    assert not hasher.verify("not a hash", "x")
    assert not hasher.needs_rehash(stored)


def test_hashes_made_with_older_parameters_need_a_rehash() -> None:
    old = Argon2Hasher(memory_kib=8192, time_cost=1).hash("Tsukuba Seven 7")
    assert Argon2Hasher().needs_rehash(old)
    assert Argon2Hasher().verify(old, "Tsukuba Seven 7")  # still accepted until rehashed


def test_sealer_round_trips_and_refuses_another_key() -> None:
    key = seal_key(fernet_key())
    sealed = FernetSealer(key).seal("https://gw/register/verify?token=abc")
    assert b"token=abc" not in sealed
    assert FernetSealer(key).unseal(sealed) == "https://gw/register/verify?token=abc"
    other = base64.urlsafe_b64encode(b"x" * 32).decode()
    with pytest.raises(ValueError):
        FernetSealer(other).unseal(sealed)


@pytest.mark.parametrize("configured", ["", "change-me", "not-a-fernet-key"])
def test_a_missing_or_malformed_seal_key_is_refused_in_every_environment(configured: str) -> None:
    # No key derived from a label stands in, not even in development (ADR 0023).
    with pytest.raises(SettingsError):
        seal_key(configured)


def test_a_real_seal_key_is_taken_as_it_is() -> None:
    real = base64.urlsafe_b64encode(b"k" * 32).decode()
    assert seal_key(real) == real


def test_settings_prefer_the_identity_database_and_refuse_placeholders_in_production() -> None:
    env = {"SHOMEI_ENVIRONMENT": "development", "SHOMEI_DATABASE_URL": "postgresql+psycopg://x/shared",
           "SHOMEI_IDENTITY_DATABASE_URL": "postgresql+psycopg://x/identity",
           "SHOMEI_PUBLIC_BASE_URL": "https://certs.example"}
    settings = load_settings(env)
    assert (settings.database_url, settings.public_base_url) == ("postgresql+psycopg://x/identity",
                                                                 "https://certs.example")
    with pytest.raises(SettingsError):
        load_settings({"SHOMEI_ENVIRONMENT": "production"})
