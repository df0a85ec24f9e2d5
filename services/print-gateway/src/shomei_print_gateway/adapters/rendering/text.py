"""The text of a rendered certificate, read back from the PDF as any reader would (pypdf), for
the mix-up guard: the holder's name, student number and verification code must be in it."""

from __future__ import annotations

import io
import unicodedata

from pypdf import PdfReader


def extract_text(pdf: bytes) -> str:
    """Every page's text, pages separated by a form feed."""
    return "\f".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def _flat(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def mentions(text: str, value: str) -> bool:
    """Whether the extracted text holds the value, however the lines broke and whichever space
    (a name is 山田 花子 or 山田　花子) the record or the page used: whitespace is ignored and
    full-width forms are folded (NFKC) on both sides. An empty value is never mentioned."""
    wanted = _flat(value)
    return bool(wanted) and wanted in _flat(text)
