"""The text of a rendered certificate, read back from the PDF as a reader would, for the mix-up
guard: the holder's name, student number and verification code must be in it.

PDFium (pypdfium2) reads it: the same text pypdf gives, about 25 times faster (12 ms against
300 ms a certificate, most of it pypdf walking the background's forms), which made the guard
62 % of issuing (docs/benchmarks.md, bench.print.latency)."""

from __future__ import annotations

from shomei_print_gateway.adapters.pdfium import page_texts
from shomei_print_gateway.domain.mixup import mentions

__all__ = ["extract_text", "mentions"]


def extract_text(pdf: bytes) -> str:
    """Every page's text, pages separated by a form feed."""
    return "\f".join(page_texts(pdf))
