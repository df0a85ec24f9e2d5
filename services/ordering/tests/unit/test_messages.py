"""Sentences only at the edge: every violation code ordering raises has a Japanese and an English
sentence in its catalogue, and every sentence of its own is for a code it raises."""

from __future__ import annotations

import re
from pathlib import Path

from shomei_ordering.entrypoints.messages import CATALOGUE, SENTENCES
from shomei_shared.errors import Violation

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "shomei_ordering"
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
# Where a code is written: Violation("code", …), Error.one("code", …), problems.add("code", …).
CODE_AT = re.compile(r'(?:\bViolation|\.one|\.add)\(\s*"([a-z][a-z0-9_]*)"')


def codes_raised() -> set[str]:
    return {code for path in PACKAGE.rglob("*.py") for code in CODE_AT.findall(path.read_text("utf-8"))}


def test_every_code_raised_has_a_sentence_in_japanese_and_english() -> None:
    assert {"too_many_copies", "certificate_type_not_eligible", "order_not_found"} <= codes_raised()
    for code in sorted(codes_raised()):
        assert code in CATALOGUE, f"no sentence for {code}: add it to entrypoints/messages.py"
        ja, en = CATALOGUE.sentence(Violation(code), "ja"), CATALOGUE.sentence(Violation(code), "en")
        assert JAPANESE.search(ja), f"{code}: {ja!r} is not Japanese"
        assert not JAPANESE.search(en), f"{code}: {en!r} is not English"


def test_every_sentence_is_for_a_code_that_is_raised() -> None:
    assert set(SENTENCES) - codes_raised() == set()
