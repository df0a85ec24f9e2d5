"""The one-page certificates: graduation, completion, degree, enrollment period and expected
graduation. Each is the holder's particulars, the sentence its kind certifies, the issue date
and the president's signature; they differ in the sentence and a row or two."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from shomei_print_gateway.adapters.rendering.dates import written_date
from shomei_print_gateway.adapters.rendering.fonts import MINCHO
from shomei_print_gateway.adapters.rendering.furniture import (
    BAND_TOP,
    INK,
    MARGIN,
    WIDTH,
    Row,
    draw_rows,
    header,
    holder_rows,
    signature,
    verification_band,
    wrap,
)
from shomei_print_gateway.adapters.rendering.wording import LABELS, OUTCOMES, period_end, statement
from shomei_print_gateway.domain.certificate import CertificateContent

KINDS = ("graduation", "completion", "degree", "enrollment_period", "expected_graduation")
TEXT_SIZE, TEXT_LEADING = 13.0, 25.0
SIGNATURE_TOP = 380.0  # where the signature block starts unless the text runs lower


def kind_rows(content: CertificateContent) -> list[Row]:
    """Rows the kind adds to the holder's particulars."""
    record, labels, language = content.record, LABELS[content.language], content.language
    if content.kind == "degree":
        return [Row(labels["degree"], record.degree_ja if language == "ja" else record.degree_en)]
    if content.kind == "enrollment_period" and record.admitted_on:
        end = period_end(record)
        until = written_date(end, language) if end else ("現在" if language == "ja" else "present")
        dash = "〜" if language == "ja" else " – "
        rows = [Row(labels["period"], f"{written_date(record.admitted_on, language)}{dash}{until}")]
        if end:
            rows.append(Row(labels["reason"], OUTCOMES[language].get(record.status, record.status)))
        return rows
    return []


def draw_statement(canvas: Canvas, content: CertificateContent) -> int:
    sentence = statement(content)  # first: a missing fact stops before anything is drawn
    y = header(canvas, content) - 8
    y = draw_rows(canvas, holder_rows(content) + kind_rows(content), MARGIN + 44, y, label_width=120,
                  value_width=WIDTH - 2 * MARGIN - 164)
    y -= 26
    canvas.setFillColorRGB(*INK)
    canvas.setFont(MINCHO, TEXT_SIZE)
    indent = "\u3000" if content.language == "ja" else ""
    for line in wrap(indent + sentence, MINCHO, TEXT_SIZE, WIDTH - 2 * MARGIN - 48):
        canvas.drawString(MARGIN + 24, y, line)
        y -= TEXT_LEADING
    if signature(canvas, content, min(y - 48, SIGNATURE_TOP)) < BAND_TOP:
        # Names long enough to push the signature into the verification band would print
        # over the code: not a page to issue.
        raise AssertionError(f"the {content.kind} certificate's text runs into the verification band")
    verification_band(canvas, content, 1, 1)
    return 1
