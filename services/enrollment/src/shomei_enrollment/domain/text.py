"""Normalising what Japanese users type: full-width digits, hyphen look-alikes, spaces, kana."""

from __future__ import annotations

import re
import unicodedata

# Characters people type for a hyphen in phone numbers and postal codes (IME, copy-paste).
_HYPHENS = re.compile("[\u2010-\u2015\u2212\u30fc\uff0d\uff70-]")
_SPACES = re.compile(r"[ \u3000]+")
FULL_WIDTH_SPACE = "\u3000"
# kana_key's tables, built once, not per comparison: small kana to large; spaces and middle dots dropped.
_SMALL_TO_LARGE_KANA = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")
_IGNORED_IN_KANA_KEYS = re.compile(r"[\s\u3000・･]")


def clean(value: object) -> str:
    """The value as a stripped string ("" for None); surrounding full-width spaces removed too."""
    if value is None:
        return ""
    return str(value).strip(" \t\r\n\u3000")


def half_width_digits(value: str) -> str:
    """Full-width digits and hyphens as half-width, keeping everything else as typed."""
    return _HYPHENS.sub("-", unicodedata.normalize("NFKC", value))


def collapse_spaces(value: str, space: str) -> str:
    return _SPACES.sub(space, value)


def katakana(value: str) -> str:
    """Half-width kana and hiragana as full-width katakana (ﾔﾏﾀﾞ, やまだ → ヤマダ), small kana kept."""
    folded = unicodedata.normalize("NFKC", value)
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in folded)


def kana_key(value: str) -> str:
    """A comparison key for kana names: half-width and hiragana folded to full-width katakana,
    small kana to large, spaces and middle dots dropped (ﾔﾏﾀﾞ ﾀﾛｳ == やまだたろう == ヤマダ　タロウ)."""
    return _IGNORED_IN_KANA_KEYS.sub("", katakana(value).translate(_SMALL_TO_LARGE_KANA))
