"""Certificates as PDF: one module per template family (`statement`, `transcript`), the page
furniture they share, the fonts, the era dates, the photocopy pattern and the QR code (ADR 0033)."""

from shomei_print_gateway.adapters.rendering.document import page_count, render
from shomei_print_gateway.adapters.rendering.fonts import FontsMissing
from shomei_print_gateway.adapters.rendering.glyphs import MissingGlyph
from shomei_print_gateway.adapters.rendering.renderer import PdfRenderer
from shomei_print_gateway.adapters.rendering.text import extract_text, mentions
from shomei_print_gateway.adapters.rendering.wording import MissingFact

__all__ = ["FontsMissing", "MissingFact", "MissingGlyph", "PdfRenderer", "extract_text", "mentions", "page_count",
           "render"]
