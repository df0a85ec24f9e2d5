"""What every certificate page carries, whatever its kind: the background, the certificate number,
the university and the title, the holder's particulars, the verification band (code, QR code,
page x / y) and the president's signature with the seal."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from shomei_print_gateway.adapters.rendering.dates import written_date
from shomei_print_gateway.adapters.rendering.fonts import GOTHIC, MINCHO
from shomei_print_gateway.adapters.rendering.pattern import FORM
from shomei_print_gateway.adapters.rendering.qr import draw_qr
from shomei_print_gateway.adapters.rendering.wording import LABELS, page_label, programme
from shomei_print_gateway.domain.certificate import CertificateContent

WIDTH, HEIGHT = float(A4[0]), float(A4[1])
MARGIN = 56.0
INK = (0.08, 0.08, 0.1)
BAND_TOP = 124.0  # the verification band below it; a template's content stays above it
QR_SIZE = 72.0
SEAL_SIZE = 62.0
NO_LINE_START = set("、。，．）」』】〕）!,.:;?)")


@dataclass(frozen=True)
class Row:
    label: str
    value: str


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines no wider than `width`: breaks between words in Latin text, between characters in
    Japanese, never before closing punctuation."""
    tokens: list[str] = []
    for char in text:
        last = tokens[-1][-1] if tokens else " "
        # A space or closing punctuation stays with what precedes it; Latin letters stay
        # together as a word; every other character may start a line.
        joins = char == " " or char in NO_LINE_START or (not _wide(char) and last != " " and not _wide(last))
        if tokens and joins:
            tokens[-1] += char
        else:
            tokens.append(char)
    lines, current = [], ""
    for token in tokens:
        if current and stringWidth((current + token).rstrip(), font, size) > width:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    return [*lines, current.rstrip()] if current.strip() else lines


def fitted_size(text: str, font: str, size: float, width: float, smallest: float = 6.5) -> float:
    """The largest size up to `size` at which one line of text fits the width (a long department
    name in a narrow column), but not below what prints legibly."""
    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def holder_rows(content: CertificateContent) -> list[Row]:
    r, labels, ja = content.record, LABELS[content.language], content.language == "ja"
    return [
        Row(labels["name"], r.name_kanji if ja else r.name_romaji),
        Row(labels["birth_date"], written_date(r.birth_date, content.language)),
        Row(labels["student_number"], r.student_number),
        Row(labels["faculty"], r.faculty_ja if ja else r.faculty_en),
        Row(labels["department"], r.department_ja if ja else r.department_en),
        Row(labels["programme"], programme(r, content.language)),
    ]


def place_background(canvas: Canvas) -> None:
    """The photocopy-marking background, defined once per document (`pattern.define_background`)."""
    canvas.doForm(FORM)


def next_page(canvas: Canvas) -> None:
    canvas.showPage()
    place_background(canvas)


def header(canvas: Canvas, content: CertificateContent, title_size: float = 26) -> float:
    """Certificate number, university, title; returns the height below which the page is free."""
    labels = LABELS[content.language]
    canvas.setFillColorRGB(*INK)
    canvas.setFont(GOTHIC, 8.5)
    canvas.drawRightString(WIDTH - MARGIN, HEIGHT - 52, f"{labels['certificate_number']} {content.certificate_number}")
    university = content.issuer.university_ja if content.language == "ja" else content.issuer.university_en
    canvas.setFont(MINCHO, fitted_size(university, MINCHO, 15, WIDTH - 2 * MARGIN))
    canvas.drawCentredString(WIDTH / 2, HEIGHT - 86, university)
    title = content.title
    if content.language == "ja" and len(title) <= 8:
        title = "\u2002".join(title)  # a short Japanese title is set spaced out, as on paper
    size = fitted_size(title, MINCHO, title_size, WIDTH - 2 * MARGIN, smallest=12)
    canvas.setFont(MINCHO, size)
    # Placed by the nominal size, so a shrunk title moves nothing below it.
    canvas.drawCentredString(WIDTH / 2, HEIGHT - 86 - 22 - title_size, title)
    return HEIGHT - 86 - 22 - title_size - 22


def draw_rows(canvas: Canvas, rows: list[Row], x: float, y: float, label_width: float,
              size: float = 11.5, leading: float = 22, value_width: float = 300) -> float:
    """Label and value pairs from the top `y` down; returns the y under the last one."""
    for row in rows:
        canvas.setFont(GOTHIC, size - 1.5)
        canvas.drawString(x, y, row.label)
        canvas.setFont(MINCHO, size)
        lines = wrap(row.value, MINCHO, size, value_width) or [""]
        for line in lines:
            canvas.drawString(x + label_width, y, line)
            y -= leading
    return y


def verification_band(canvas: Canvas, content: CertificateContent, page: int, pages: int) -> None:
    """On every page: the code, the QR code of the verification URL, and the page number. A page
    separated from the others still says which certificate it belongs to."""
    labels = LABELS[content.language]
    canvas.setStrokeColorRGB(*INK)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, BAND_TOP, WIDTH - MARGIN, BAND_TOP)
    qr_x = WIDTH - MARGIN - QR_SIZE
    draw_qr(canvas, content.verification_url, qr_x, BAND_TOP - 8 - QR_SIZE, QR_SIZE)
    canvas.setFillColorRGB(*INK)
    canvas.setFont(GOTHIC, 9)
    canvas.drawString(MARGIN, BAND_TOP - 22, labels["code"])
    canvas.setFont(GOTHIC, 15)
    canvas.drawString(MARGIN, BAND_TOP - 42, content.verification_code)
    canvas.setFont(GOTHIC, 7.5)
    y = BAND_TOP - 60
    for line in wrap(labels["check"], GOTHIC, 7.5, qr_x - MARGIN - 16):
        canvas.drawString(MARGIN, y, line)
        y -= 11
    canvas.drawString(MARGIN, y, content.verification_url)
    canvas.setFont(GOTHIC, 8.5)
    canvas.drawCentredString(WIDTH / 2, 40, page_label(page, pages, content.language))


def signature(canvas: Canvas, content: CertificateContent, top: float) -> float:
    """Issue date, then the university and its president with the seal over the name's end, as
    a registrar stamps it; returns the y under the block."""
    issuer, ja = content.issuer, content.language == "ja"
    canvas.setFillColorRGB(*INK)
    canvas.setFont(MINCHO, 12)
    canvas.drawString(MARGIN + 24, top, written_date(content.issued_on, content.language))
    right = WIDTH - MARGIN - 64
    canvas.setFont(MINCHO, 13)
    canvas.drawRightString(right, top - 34, issuer.university_ja if ja else issuer.university_en)
    title = issuer.president_title_ja if ja else issuer.president_title_en
    name = issuer.president_name_ja if ja else issuer.president_name_en
    line = f"{title}\u3000{name}" if ja else f"{name}, {title}"
    canvas.setFont(MINCHO, 14)
    canvas.drawRightString(right, top - 60, line)
    if issuer.seal_png:
        seal = ImageReader(io.BytesIO(issuer.seal_png))
        # Over the end of the name, as the 公印 is pressed beside the president's name.
        canvas.drawImage(seal, right - SEAL_SIZE / 2 + 30, top - 60 - SEAL_SIZE / 2 + 5, SEAL_SIZE, SEAL_SIZE,
                         mask="auto", preserveAspectRatio=True, anchor="c")
    return top - 60 - SEAL_SIZE / 2
