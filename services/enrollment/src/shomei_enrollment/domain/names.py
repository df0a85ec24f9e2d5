"""A person's name in the three forms the manual asks for: kanji, katakana and romaji."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shomei_enrollment.domain.text import FULL_WIDTH_SPACE, clean, collapse_spaces
from shomei_shared.errors import Violations

# Full-width katakana (ァ..ヺ, including ヴ) and the long-vowel mark; family and given name
# separated by exactly one space once normalised.
_KATAKANA_WORD = "[\u30a1-\u30fa\u30fc]+"
_KATAKANA = re.compile(f"^{_KATAKANA_WORD}{FULL_WIDTH_SPACE}{_KATAKANA_WORD}$")
_ROMAJI = re.compile(r"^[A-Z]+ [A-Z]+$")
MAX_NAME_LENGTH = 40


@dataclass(frozen=True)
class PersonName:
    kanji: str
    katakana: str
    romaji: str

    def to_dict(self) -> dict[str, str]:
        return {"kanji": self.kanji, "katakana": self.katakana, "romaji": self.romaji}


def parse_person_name(raw: Mapping[str, Any] | None, path: str, problems: Violations,
                      *, required: bool) -> PersonName | None:
    """The name normalised, or None with the problems recorded (or when optional and blank)."""
    raw = raw or {}
    kanji, katakana, romaji = (clean(raw.get(key)) for key in ("kanji", "katakana", "romaji"))
    if not required and not (kanji or katakana or romaji):
        return None
    before = len(problems.found)
    kanji = _kanji(kanji, f"{path}.kanji", problems)
    katakana = parse_katakana(katakana, f"{path}.katakana", problems)
    romaji = _romaji(romaji, f"{path}.romaji", problems)
    if len(problems.found) > before:
        return None
    return PersonName(kanji, katakana, romaji)


def _kanji(value: str, field: str, problems: Violations) -> str:
    if not value:
        problems.required(field)
    elif len(value) > MAX_NAME_LENGTH:
        problems.add("too_long", field, max=MAX_NAME_LENGTH)
    return collapse_spaces(value, FULL_WIDTH_SPACE)


def parse_katakana(value: str, field: str, problems: Violations) -> str:
    normalised = collapse_spaces(value, FULL_WIDTH_SPACE)
    if not value:
        problems.required(field)
    elif not _KATAKANA.match(normalised) or len(normalised) > MAX_NAME_LENGTH:
        problems.add("katakana_format", field)
    return normalised


def _romaji(value: str, field: str, problems: Violations) -> str:
    normalised = collapse_spaces(value, " ").upper()
    if not value:
        problems.required(field)
    elif not value.isascii() or not _ROMAJI.match(normalised) or len(normalised) > MAX_NAME_LENGTH:
        problems.add("romaji_format", field)
    return normalised
