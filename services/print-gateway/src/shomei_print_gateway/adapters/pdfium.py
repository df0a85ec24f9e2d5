"""PDFium (pypdfium2) for print-gateway: a rendered PDF's text and its first page as an image.

PDFium is not thread-safe, not even across documents (a round of the jobs process in threads,
as the tests run them, crashed the interpreter in it): every PDFium call, closing included,
happens under one lock per process, and nothing of PDFium's is left for the garbage collector
to free in another thread. The work under it is short (6 ms of text, 25 ms of page image)."""

from __future__ import annotations

import threading

import pypdfium2
from PIL import Image

_PDFIUM = threading.Lock()


def page_texts(pdf: bytes) -> list[str]:
    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            texts = []
            for index in range(len(document)):
                page = document[index]
                try:
                    text_page = page.get_textpage()
                    try:
                        texts.append(text_page.get_text_range())
                    finally:
                        text_page.close()
                finally:
                    page.close()
            return texts
        finally:
            document.close()


def first_page_image(pdf: bytes, scale: float) -> Image.Image:
    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            page = document[0]
            try:
                bitmap = page.render(scale=scale)
                try:
                    image: Image.Image = bitmap.to_pil().copy()  # its own pixels, not PDFium's buffer
                    return image
                finally:
                    bitmap.close()
            finally:
                page.close()
        finally:
            document.close()
