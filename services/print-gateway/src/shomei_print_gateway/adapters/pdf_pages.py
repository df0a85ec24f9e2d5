"""Reading a rendered PDF back: its text for the mix-up guard (PDFium, as a reader extracts it) and
its first page as an image for whoever verifies (pypdfium2, in memory)."""

from __future__ import annotations

import io

from shomei_print_gateway.adapters.pdfium import first_page_image
from shomei_print_gateway.adapters.rendering import extract_text

PREVIEW_SCALE = 100 / 72  # 100 dpi: readable on a screen, small in the database


class PdfPages:
    def text(self, pdf: bytes) -> str:
        return extract_text(pdf)

    def first_page_png(self, pdf: bytes) -> bytes:
        image = first_page_image(pdf, PREVIEW_SCALE)
        out = io.BytesIO()
        # zlib level 1: a third less time than the default for 7 % more bytes; issuing waits on it.
        image.save(out, format="PNG", compress_level=1)
        return out.getvalue()
