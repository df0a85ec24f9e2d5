"""Dates as a certificate writes them: the Japanese era on Japanese certificates (令和8年4月1日,
the first year of an era written 元年), the Western form on English ones (1 April 2026).

A table of four eras is all the certificates need (the oldest date they carry is a birth date),
so no calendar library is pulled in for it.
"""

from __future__ import annotations

from datetime import date

# (first day, name), newest first. An era starts on the day of accession: 30 April 2019 was
# 平成31年, 1 May 2019 令和元年; 7 January 1989 was 昭和64年, 8 January 1989 平成元年.
ERAS = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
    (date(1912, 7, 30), "大正"),
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def era_date(day: date) -> str:
    """令和8年4月1日; a date before 大正 (no certificate has one) keeps the Western year: 1900年1月1日."""
    for first_day, name in ERAS:
        if day >= first_day:
            year = day.year - first_day.year + 1
            return f"{name}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"


def western_date(day: date) -> str:
    """1 April 2026: day, month in words, year, the order a reader anywhere parses one way.
    Joined by no-break spaces, so a sentence never breaks a date across lines."""
    return f"{day.day}\u00a0{MONTHS[day.month - 1]}\u00a0{day.year}"


def written_date(day: date, language: str) -> str:
    return era_date(day) if language == "ja" else western_date(day)
