"""Generated credentials and keys (ADR 0019): fresh per kit, one per run directory, never derived."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from shomei_devtools.trust import SERVICES, main, new_trust_kit, run_kit
from shomei_shared.web.assertions import Actor, AssertionVerifier
from shomei_shared.web.trust import caller_of, parse_verifiers


def test_every_kit_is_fresh_and_its_parts_fit_together() -> None:
    one, two = new_trust_kit(), new_trust_kit()
    assert set(one.secrets.values()).isdisjoint(two.secrets.values())
    assert one.signing_keys != two.signing_keys
    verifiers = parse_verifiers(one.settings("enrollment")["callers"])
    for service in SERVICES:
        assert caller_of(one.headers(service)["Authorization"], verifiers) == service
        assert caller_of(two.headers(service)["Authorization"], verifiers) is None
    actor = Actor("demo-univ", "staff-1", "staff", ("reviewer",))
    assert AssertionVerifier(one.settings("enrollment")["assertion_keys"]).verify(one.assertion(actor)) == actor
    assert AssertionVerifier(one.settings("enrollment")["assertion_keys"]).verify(two.assertion(actor)) is None
    assert "assertion_signing_keys" in one.settings("identity")
    assert "assertion_signing_keys" not in one.settings("gateway")
    assert '"d"' not in one.settings("enrollment")["assertion_keys"]  # no private key leaves identity's settings


def test_a_run_directory_keeps_one_kit_even_when_every_process_asks_at_once(tmp_path: Path) -> None:
    with ThreadPoolExecutor(8) as pool:
        kits = list(pool.map(lambda _: run_kit(tmp_path), range(16)))
    assert len({kit.signing_keys for kit in kits}) == 1
    assert (tmp_path / "trust.json").stat().st_mode & 0o077 == 0


def test_the_command_prints_a_services_variables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main([str(tmp_path), "identity"])
    out = capsys.readouterr().out
    assert "export SHOMEI_SERVICE_SECRET=" in out and "export SHOMEI_ASSERTION_SIGNING_KEYS=" in out
    main([str(tmp_path), "ready"])
    out = capsys.readouterr().out
    assert "SHOMEI_SERVICE_SECRET" not in out and "export SHOMEI_CALLERS=" in out
