from datetime import date

import pytest

from shomei_print_gateway.adapters.rendering.dates import era_date, western_date, written_date


@pytest.mark.parametrize(("day", "expected"), [
    (date(2019, 4, 30), "平成31年4月30日"),  # the last day of Heisei
    (date(2019, 5, 1), "令和元年5月1日"),  # Reiwa's first year is 元年, not 1年
    (date(2019, 12, 31), "令和元年12月31日"),
    (date(2020, 1, 1), "令和2年1月1日"),
    (date(2026, 4, 1), "令和8年4月1日"),
    (date(1989, 1, 7), "昭和64年1月7日"),
    (date(1989, 1, 8), "平成元年1月8日"),
    (date(1926, 12, 24), "大正15年12月24日"),
    (date(1926, 12, 25), "昭和元年12月25日"),
    (date(1912, 7, 29), "1912年7月29日"),  # before the eras a certificate needs: the Western year
])
def test_japanese_certificates_write_dates_in_the_era_of_the_day(day: date, expected: str) -> None:
    assert era_date(day) == expected


def test_english_certificates_write_day_month_in_words_and_year_never_broken_across_lines() -> None:
    assert western_date(date(2026, 4, 1)) == "1\u00a0April\u00a02026"
    assert western_date(date(2019, 12, 31)) == "31\u00a0December\u00a02019"
    assert written_date(date(2019, 5, 1), "en") == "1\u00a0May\u00a02019"
    assert written_date(date(2019, 5, 1), "ja") == "令和元年5月1日"
