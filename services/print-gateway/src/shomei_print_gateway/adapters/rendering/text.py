"""The text of a rendered certificate, read back from the PDF as any reader would (pypdf), for
the mix-up guard: the holder's name, student number and verification code must be in it."""

from __future__ import annotations

import io

from pypdf import PdfReader

from shomei_print_gateway.domain.mixup import mentions

__all__ = ["extract_text", "mentions"]


def extract_text(pdf: bytes) -> str:
    """Every page's text, pages separated by a form feed."""
    return "\f".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
