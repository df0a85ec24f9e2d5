"""Verification's rules (ADR 0036): status, retention per university, what of a country header is
kept, and a revocation's reason."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from shomei_print_gateway.domain.deadlines import tokyo_date
from shomei_print_gateway.domain.verification import (
    Retention,
    Revocation,
    cleaned_reason,
    country_code,
    retention_ends,
    status_of,
)
from shomei_print_gateway.entrypoints.messages import CATALOGUE
from shomei_shared.errors import InvalidInput


def test_a_certificate_is_valid_until_its_retention_passes_and_revoked_stays_revoked() -> None:
    issued = date(2026, 4, 1)
    assert status_of(issued, False, date(2031, 4, 1), 5) == "valid"
    assert status_of(issued, False, date(2031, 4, 2), 5) == "retention_passed"
    assert status_of(issued, True, date(2026, 4, 2), 5) == "revoked"
    assert status_of(issued, True, date(2040, 1, 1), 5) == "revoked"
    assert retention_ends(date(2024, 2, 29), 5) == date(2029, 2, 28)
    # 2031-04-01 15:00 UTC is already 2 April in Japan: the period is over there.
    assert tokyo_date(datetime(2031, 4, 1, 15, 0, tzinfo=UTC)) == date(2031, 4, 2)


def test_retention_is_a_setting_per_university_with_a_default() -> None:
    retention = Retention.parse(5, "sakura-univ=10, other=3")
    assert (retention.years_for("demo-univ"), retention.years_for("sakura-univ"), retention.years_for("other")) == (
        5, 10, 3)
    for broken in ("sakura-univ", "sakura-univ=0", "=5", "x=ten"):
        with pytest.raises(ValueError):
            Retention.parse(5, broken)


@pytest.mark.parametrize(("header", "kept"), [("jp", "JP"), (" DE ", "DE"), ("XX", None), ("T1", None),
                                              ("", None), (None, None), ("203.0.113.7", None), ("JPN", None)])
def test_only_a_country_code_is_kept_never_an_address(header: str | None, kept: str | None) -> None:
    assert country_code(header) == kept


def test_a_revocation_needs_a_reason_the_catalogue_words() -> None:
    revoked = Revocation.revoke("c-1", "demo-univ", "o-1", "staff-1", cleaned_reason("  誤記\n のため "))
    assert revoked.revoked and revoked.id == "revocation-c-1"
    [event] = revoked.pending
    assert event.payload() == {"certificate_id": "c-1", "order_id": "o-1", "staff_id": "staff-1"}
    for reason, code in (("", "required"), ("x" * 501, "reason_too_long")):
        with pytest.raises(InvalidInput) as refused:
            Revocation.revoke("c-1", "demo-univ", "o-1", "staff-1", reason)
        assert (refused.value.first.field, refused.value.first.code) == ("reason", code) and code in CATALOGUE
    assert all(code in CATALOGUE for code in ("code_malformed", "certificate_not_found"))
