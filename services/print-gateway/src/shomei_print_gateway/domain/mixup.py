"""The mix-up guard (issue 10): before a file leaves for a store, the text of the rendered PDF must
name the person who ordered it. A document that does not is never submitted.

The check reads the text a machine would print, not the data the renderer was given: a renderer
that put another person's record on the page, or a file swapped on the way, is caught here."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Expected:
    """What the page must say: the holder as the record names them and this copy's code."""

    holder_name: str
    student_number: str
    verification_code: str


def _plain(text: str) -> str:
    # NFKC folds full-width letters and digits; spaces of any width and line breaks do not count,
    # since a PDF's text comes out with whatever spacing its layout had.
    return "".join(unicodedata.normalize("NFKC", text).split())


def mentions(page_text: str, value: str) -> bool:
    """Whether the text holds the value, however the lines broke and whichever space (山田 花子 or
    山田　花子) the record or the page used. An empty value is never mentioned."""
    wanted = _plain(value)
    return bool(wanted) and wanted in _plain(page_text)


def mismatches(page_text: str, expected: Expected) -> list[str]:
    """The fields the text does not contain (empty: the document is the holder's)."""
    wanted = {"holder_name": expected.holder_name, "student_number": expected.student_number,
              "verification_code": expected.verification_code}
    return [field for field, value in wanted.items() if not mentions(page_text, value)]
