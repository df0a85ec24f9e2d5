"""How deadlines read in both languages: Japan's calendar whatever the server's zone. Ordering
computes the deadline (its domain/deadlines.py and tests); the gateway only writes it out."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask

from shomei_gateway.entrypoints.order_display import deadline_text, jst


@pytest.mark.parametrize(("last_moment", "shown"), [
    (datetime(2026, 4, 7, 14, 59, 59, tzinfo=UTC), "2026年4月7日（火）23:59"),
    (datetime(2027, 1, 2, 14, 59, 59, tzinfo=UTC), "2027年1月2日（土）23:59"),  # across the year's end
    (datetime(2028, 2, 29, 14, 59, 59, tzinfo=UTC), "2028年2月29日（火）23:59"),  # a leap day
])
def test_a_deadline_reads_as_its_day_in_japan(app: Flask, last_moment: datetime, shown: str) -> None:
    with app.test_request_context("/demo-univ/orders/new/confirm"):
        assert deadline_text(last_moment) == shown


def test_deadlines_and_history_times_in_english(app: Flask) -> None:
    with app.test_request_context("/demo-univ/orders/?lang=en"):
        last_moment = datetime(2026, 4, 7, 14, 59, 59, tzinfo=UTC)
        assert deadline_text(last_moment) == "Tuesday, 7 April 2026, 23:59 (Japan time)"
        assert jst(datetime(2026, 3, 31, 15, 0, tzinfo=UTC)) == "1 Apr 2026, 00:00 JST"
    with app.test_request_context("/demo-univ/orders/"):
        assert jst(datetime(2026, 3, 31, 15, 0, tzinfo=UTC)) == "2026年4月1日 00:00"
