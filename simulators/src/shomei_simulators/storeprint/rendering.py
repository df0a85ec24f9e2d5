"""Printed pages as images, as the machine page shows them.

pypdfium2 rather than Debian's pdftoppm: its wheel carries PDFium itself, so
nothing has to be installed on the machine, and it renders from bytes in memory
instead of through a subprocess and temporary files.
"""

import io

import pypdfium2

_DPI = 72


def render_page_png(content: bytes, page_index: int, dpi: int = _DPI) -> bytes:
    document = pypdfium2.PdfDocument(content)
    try:
        page = document[page_index]
        try:
            bitmap = page.render(scale=dpi / 72)
            image = bitmap.to_pil()
        finally:
            page.close()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
