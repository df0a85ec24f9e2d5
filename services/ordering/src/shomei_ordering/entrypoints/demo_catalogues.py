"""The catalogues of the demo universities `make run` starts with: 証明大学 (demo-univ) and
桜花大学 (sakura-univ), as plain documents the catalogue editor would send."""

from __future__ import annotations

from typing import Any

_ANY = ["卒業", "退学", "除籍"]
_LEFT = ["卒業", "退学"]  # a 除籍 graduate cannot order what certifies a completed degree (issue 9)


def _type(code: str, ja: str, en: str, *, statuses: list[str], programmes: list[str], fee: int = 500,
          pages: int = 1, language: str = "ja", store_printing: bool = True) -> dict[str, Any]:
    # The demo codes are the templates' names, English versions with `_en`.
    return {"code": code, "name_ja": ja, "name_en": en, "fee": fee, "pages": pages, "statuses": statuses,
            "programmes": programmes, "store_printing": store_printing, "language": language,
            "template": code.removesuffix("_en")}


DEMO_UNIV: dict[str, Any] = {
    "types": [
        _type("graduation", "卒業証明書", "Certificate of Graduation", statuses=["卒業"], programmes=["学部"]),
        _type("completion", "修了証明書", "Certificate of Completion", statuses=["卒業"], programmes=["大学院"]),
        _type("transcript", "成績証明書", "Academic Transcript", statuses=_ANY, programmes=["学部", "大学院"],
              pages=2),
        _type("degree", "学位取得証明書", "Certificate of Degree", statuses=["卒業"], programmes=["学部", "大学院"]),
        _type("enrollment_period", "在籍期間証明書", "Certificate of Enrollment Period", statuses=_ANY,
              programmes=["学部", "大学院"]),
        _type("graduation_en", "卒業証明書（英文）", "Certificate of Graduation (English)", statuses=["卒業"],
              programmes=["学部"], language="en"),
        _type("transcript_en", "成績証明書（英文）", "Academic Transcript (English)", statuses=_ANY,
              programmes=["学部", "大学院"], pages=2, language="en"),
    ],
    "usage_fee": 200,
    "print_charges": {"netprint": 20, "sharp": 20},
    "payment_methods": ["paypal", "smartpit"],
}

SAKURA_UNIV: dict[str, Any] = {
    "types": [
        _type("graduation", "卒業証明書", "Certificate of Graduation", statuses=["卒業"], programmes=["学部"],
              fee=300),
        _type("transcript", "成績証明書", "Academic Transcript", statuses=_LEFT, programmes=["学部"], fee=300,
              pages=3),
        _type("expected_graduation", "卒業見込証明書", "Certificate of Expected Graduation", statuses=_LEFT,
              programmes=["学部"], fee=300, store_printing=False),
        _type("graduation_en", "卒業証明書（英文）", "Certificate of Graduation (English)", statuses=["卒業"],
              programmes=["学部"], fee=600, language="en"),
    ],
    "usage_fee": 150,
    "print_charges": {"netprint": 20, "sharp": 30},
    "payment_methods": ["paypal", "smartpit"],
}

DEMO_CATALOGUES: dict[str, dict[str, Any]] = {"demo-univ": DEMO_UNIV, "sakura-univ": SAKURA_UNIV}
