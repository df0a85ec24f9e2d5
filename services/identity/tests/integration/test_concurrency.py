"""Failed logins arriving at once are each counted (the guard row is locked, not overwritten)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from shomei_identity.domain.errors import CredentialsRefused, LockedOut
from shomei_identity.service_layer import commands as c

T = "demo-univ"


def test_five_simultaneous_failures_lock_the_account(kit: Any) -> None:
    kit.identity.handle(c.ActivateAccount(T, "app-c1", "race@example.jp", "ja"))
    initial = kit.redeem(kit.last_payload("AccountActivated")["secret_ref"])
    setup = kit.identity.handle(c.LogIn(T, "race@example.jp", initial, "")).setup_token
    kit.identity.handle(c.SetFirstPasswords(setup, "Tsukuba Seven 7", "Hongo Campus 1877"))

    def fail(_: int) -> str:
        try:
            kit.identity.handle(c.LogIn(T, "race@example.jp", "Wrong Guess 1", "Hongo Campus 1877"))
        except (CredentialsRefused, LockedOut) as refused:
            return type(refused).__name__
        return "accepted"

    with ThreadPoolExecutor(max_workers=5) as pool:
        outcomes = sorted(pool.map(fail, range(5)))
    assert outcomes == ["CredentialsRefused"] * 4 + ["LockedOut"]
    with pytest.raises(LockedOut):
        kit.identity.handle(c.LogIn(T, "race@example.jp", "Tsukuba Seven 7", "Hongo Campus 1877"))
    assert [t for t, _ in kit.events()].count("LoginLockedOut") == 1
