from __future__ import annotations

import base64

import pytest
from argon2 import extract_parameters

from shomei_devtools.dev_secrets import fernet_key
from shomei_identity.adapters.hashing import Argon2Hasher
from shomei_identity.settings import load_settings
from shomei_shared.sealing import key_ring
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


def _key(fill: bytes) -> str:
    return base64.urlsafe_b64encode(fill * 32).decode()


def test_sealer_round_trips_and_refuses_another_key() -> None:
    ring = key_ring(fernet_key())
    key_id, sealed = ring.seal("https://gw/register/verify?token=abc")
    assert b"token=abc" not in sealed and key_id == ring.current_key_id == "0"
    assert ring.unseal(key_id, sealed) == "https://gw/register/verify?token=abc"
    with pytest.raises(ValueError):
        key_ring(_key(b"x")).unseal(key_id, sealed)


def test_a_key_ring_seals_with_its_first_key_and_opens_with_the_key_a_value_names() -> None:
    old = key_ring(_key(b"o"))  # a bare key is the ring's key "0"
    old_id, old_sealed = old.seal("initial password")
    rotated = key_ring(f"2027a:{_key(b'n')}, 0:{_key(b'o')}")
    new_id, new_sealed = rotated.seal("initial password")
    assert (old_id, new_id, rotated.current_key_id) == ("0", "2027a", "2027a")
    assert rotated.unseal(old_id, old_sealed) == rotated.unseal(new_id, new_sealed) == "initial password"
    retired = key_ring(f"2027a:{_key(b'n')}")
    assert retired.unseal(new_id, new_sealed) == "initial password"
    with pytest.raises(ValueError, match="not in the ring"):
        retired.unseal(old_id, old_sealed)
    with pytest.raises(ValueError):  # a value is opened by the key it names, no other
        rotated.unseal(new_id, old_sealed)


@pytest.mark.parametrize("configured", ["", "change-me", "not-a-fernet-key"])
def test_a_missing_or_malformed_seal_key_is_refused_in_every_environment(configured: str) -> None:
    # No key derived from a label stands in, not even in development (ADR 0023).
    with pytest.raises(SettingsError):
        key_ring(configured)


def test_a_real_seal_key_is_the_rings_key_0() -> None:
    assert key_ring(_key(b"k")).current_key_id == "0"


@pytest.mark.parametrize("ring", ["a:{k},a:{k}", "bad id:{k}", "a:not-a-key", ":{k}"])
def test_a_malformed_ring_stops_the_process_without_repeating_its_keys(ring: str) -> None:
    configured = ring.format(k=_key(b"s"))
    with pytest.raises(SettingsError) as refused:
        key_ring(configured)
    assert _key(b"s") not in str(refused.value) and "not-a-key" not in str(refused.value)


def test_settings_prefer_the_identity_database_and_refuse_placeholders_in_production() -> None:
    env = {"SHOMEI_ENVIRONMENT": "development", "SHOMEI_DATABASE_URL": "postgresql+psycopg://x/shared",
           "SHOMEI_IDENTITY_DATABASE_URL": "postgresql+psycopg://x/identity",
           "SHOMEI_PUBLIC_BASE_URL": "https://certs.example"}
    settings = load_settings(env)
    assert (settings.database_url, settings.public_base_url) == ("postgresql+psycopg://x/identity",
                                                                 "https://certs.example")
    with pytest.raises(SettingsError):
        load_settings({"SHOMEI_ENVIRONMENT": "production"})
