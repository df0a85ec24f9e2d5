"""Japanese public holidays for review due times (rule 15), from jpholiday."""

from __future__ import annotations

from datetime import date

import jpholiday


def is_japanese_holiday(day: date) -> bool:
    return bool(jpholiday.is_holiday(day))
