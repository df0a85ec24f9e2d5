from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from shomei_enrollment.domain.catalogue import Catalogue, Department, Faculty, University

TODAY = date(2026, 4, 10)


@pytest.fixture
def catalogue() -> Catalogue:
    return Catalogue("demo-univ", (
        University("shomei", "証明大学", "Shomei University", (
            Faculty("lit", "文学部", "Faculty of Letters", (Department("jpn", "日本文学科", "Japanese Literature"),)),
            Faculty("eng", "工学部", "Faculty of Engineering", (Department("info", "情報工学科", "Informatics"),)),
        )),
    ))


@pytest.fixture
def applicant() -> dict[str, Any]:
    """A complete, valid application form as the gateway would send it."""
    return {
        "name": {"kanji": "山田 太郎", "katakana": "ヤマダ タロウ", "romaji": "yamada taro"},
        "date_of_birth": "1990-05-01",
        "sex": "male",
        "enrollment": {"university": "shomei", "faculty": "lit", "department": "jpn",
                       "student_number": "A1234", "graduation_year_month": "2012-03", "status": "卒業"},
        "address": {"postal_code": "1000001", "prefecture": "東京都", "city": "千代田区",
                    "street": "千代田1-1", "building": ""},
        "home_phone": "",
        "mobile_phone": "090-1234-5678",
    }
