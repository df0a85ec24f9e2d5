"""Printed pages as images, as the machine page shows them.

pypdfium2 rather than Debian's pdftoppm: its wheel carries PDFium itself, so
nothing has to be installed on the machine, and it renders from bytes in memory
instead of through a subprocess and temporary files.
"""

import io
import threading

import pypdfium2

_DPI = 72
# PDFium is not thread-safe, not even across documents, and the machine page is
# served by many threads: every PDFium call, closing included, happens under this
# lock, and nothing of PDFium's is left for the garbage collector to free elsewhere.
_PDFIUM = threading.Lock()


def render_page_png(content: bytes, page_index: int, dpi: int = _DPI) -> bytes:
    buffer = io.BytesIO()
    with _PDFIUM:
        document = pypdfium2.PdfDocument(content)
        try:
            page = document[page_index]
            try:
                bitmap = page.render(scale=dpi / 72)
                try:
                    bitmap.to_pil().save(buffer, format="PNG")
                finally:
                    bitmap.close()
            finally:
                page.close()
        finally:
            document.close()
    return buffer.getvalue()
