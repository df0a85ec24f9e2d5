from __future__ import annotations

import pytest

from shomei_identity.domain.errors import InvalidInput
from shomei_identity.domain.password_policy import (
    common_passwords,
    require_new_pair,
    require_new_single,
    strength_violations,
)


def codes(value: str) -> set[str]:
    return {v.code for v in strength_violations(value, "password")}


def test_mixed_case_eight_characters_is_enough() -> None:
    assert codes("Tsukuba7") == set()


@pytest.mark.parametrize("value", ["Kq" * 32, "Kq" * 64, "Correct Horse Battery Staple and a long tail" * 2])
def test_long_passphrases_are_accepted_up_to_128(value: str) -> None:
    assert len(value) >= 64
    assert codes(value) == set()


def test_longer_than_128_is_refused() -> None:
    assert codes("Kq" * 64 + "x") == {"password_too_long"}
    assert strength_violations("Kq" * 64 + "x", "password")[0].params == {"max": 128}


def test_symbols_and_spaces_are_accepted() -> None:
    assert codes("Blue Sky! #42 ~ok") == set()


def test_full_width_characters_are_refused_with_a_clear_reason() -> None:
    # Its own code, so the sentence can say "full-width" rather than "characters not allowed".
    assert "password_full_width" in codes("Ｐａｓｓｗｏｒｄ９９ab")
    assert "password_not_half_width" not in codes("Ｐａｓｓｗｏｒｄ９９ab")


def test_control_characters_are_refused() -> None:
    assert "password_not_half_width" in codes("Tsukuba7\t")


@pytest.mark.parametrize(("value", "code"), [
    ("Short1a", "password_too_short"), ("alllowercase", "password_needs_upper_and_lower"),
    ("ALLUPPERCASE", "password_needs_upper_and_lower"),
])
def test_length_and_case_rules(value: str, code: str) -> None:
    assert code in codes(value)


@pytest.mark.parametrize("value", ["Password", "PASSWORD1", "Qwerty123", "iLoveYou1", "Welcome1"])
def test_common_passwords_are_refused_case_insensitively(value: str) -> None:
    assert "password_too_common" in codes(value)


def test_the_shipped_list_is_a_few_hundred_passwords() -> None:
    assert len(common_passwords()) >= 300
    assert all(not entry.startswith("#") for entry in common_passwords())


def test_pair_must_differ_and_not_reuse_and_reports_every_violation() -> None:
    with pytest.raises(InvalidInput) as raised:
        require_new_pair("Tsukuba7", "Tsukuba7", password_reused=True)
    found = {(v.code, v.field) for v in raised.value.violations}
    assert found == {("password_reused", "password"), ("password_same_as_password", "second_password")}


def test_pair_checks_the_second_password_strength_too() -> None:
    with pytest.raises(InvalidInput) as raised:
        require_new_pair("Tsukuba7", "short")
    assert {v.field for v in raised.value.violations} == {"second_password"}


def test_valid_pair_passes() -> None:
    require_new_pair("Tsukuba7", "Hongo Campus 1877")


def test_single_change_needs_confirmation_and_a_new_value_unlike_the_other() -> None:
    with pytest.raises(InvalidInput) as raised:
        require_new_single("Tsukuba7", "password", confirmation="Tsukuba8", reused_previous=True,
                           other_password_matches=True)
    assert {(v.code, v.field) for v in raised.value.violations} == {
        ("password_confirmation_mismatch", "confirmation"), ("password_reused", "password"),
        ("password_same_as_second_password", "password")}
    require_new_single("Tsukuba7", "password", confirmation="Tsukuba7", reused_previous=False,
                       other_password_matches=False)
