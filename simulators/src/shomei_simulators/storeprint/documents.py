"""Checking an upload as the providers do: a PDF, at most 10 MB, every page A4."""

import io
from dataclasses import dataclass
from enum import StrEnum

from pypdf import PdfReader
from pypdf.errors import PyPdfError

MAX_FILE_BYTES = 10 * 1024 * 1024
# A4 is 210 x 297 mm = 595.28 x 841.89 pt. Generators round differently (595 x 842 is
# common), so a couple of points either way still counts as A4; Letter
# (612 x 792) does not.
_A4_POINTS = (595.28, 841.89)
_TOLERANCE_POINTS = 2.0


class ColorMode(StrEnum):
    MONOCHROME = "monochrome"
    COLOR = "color"


class Rejection(StrEnum):
    """Why an upload is refused; the code is what the API answers."""

    NO_FILE = "no_file"
    ONE_FILE_PER_UPLOAD = "one_file_per_upload"
    NOT_PDF = "not_pdf"
    TOO_LARGE = "too_large"
    NOT_A4 = "not_a4"
    BAD_COLOR_MODE = "bad_color_mode"
    BAD_EXPIRY = "bad_expiry"


class UploadRejected(Exception):
    def __init__(self, code: Rejection, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class CheckedPdf:
    content: bytes
    pages: int


def _is_a4(width: float, height: float) -> bool:
    short, long = sorted((abs(width), abs(height)))
    return (
        abs(short - _A4_POINTS[0]) <= _TOLERANCE_POINTS
        and abs(long - _A4_POINTS[1]) <= _TOLERANCE_POINTS
    )


def check_pdf(content: bytes) -> CheckedPdf:
    if len(content) > MAX_FILE_BYTES:
        raise UploadRejected(Rejection.TOO_LARGE, f"larger than {MAX_FILE_BYTES} bytes")
    if not content.startswith(b"%PDF-"):
        raise UploadRejected(Rejection.NOT_PDF, "the file does not start with %PDF-")
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        boxes = [page.mediabox for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        raise UploadRejected(Rejection.NOT_PDF, f"unreadable PDF: {error}") from error
    if not boxes:
        raise UploadRejected(Rejection.NOT_PDF, "the PDF has no pages")
    for number, box in enumerate(boxes, start=1):
        width, height = float(box.width), float(box.height)
        if not _is_a4(width, height):
            raise UploadRejected(
                Rejection.NOT_A4,
                f"page {number} is {width:.0f} x {height:.0f} pt, not A4",
            )
    return CheckedPdf(content=content, pages=len(boxes))


def parse_color_mode(value: str | None) -> ColorMode:
    try:
        return ColorMode(value or "")
    except ValueError:
        raise UploadRejected(
            Rejection.BAD_COLOR_MODE, "color_mode must be 'monochrome' or 'color'"
        ) from None
