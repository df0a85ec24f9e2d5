"""The transcript: as many pages as the courses need, each with the header, the holder's
particulars, the table's column heads and the verification band; credit totals, GPA, the
certifying sentence and the signature on the last page.

Pagination is computed from text widths alone, before anything is drawn, so `pages()` answers
the catalogue's print estimate without building a PDF, and it always agrees with the render.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from shomei_print_gateway.adapters.rendering import wording
from shomei_print_gateway.adapters.rendering.dates import written_date
from shomei_print_gateway.adapters.rendering.fonts import GOTHIC, MINCHO
from shomei_print_gateway.adapters.rendering.furniture import (
    BAND_TOP,
    HEIGHT,
    INK,
    MARGIN,
    WIDTH,
    Row,
    fitted_size,
    header,
    next_page,
    signature,
    verification_band,
    wrap,
)
from shomei_print_gateway.adapters.rendering.wording import LABELS, programme, statement
from shomei_print_gateway.domain.certificate import CertificateContent, Course

TITLE_SIZE = 22.0
SIZE, LEADING = 9.0, 13.0
# Column widths; the course title takes what the others leave.
TERM_W, CODE_W, CREDITS_W, GRADE_W = 72.0, 64.0, 44.0, 42.0
TITLE_W = WIDTH - 2 * MARGIN - TERM_W - CODE_W - CREDITS_W - GRADE_W
HOLDER_LEADING = 15.0
TABLE_TOP = HEIGHT - 86 - 22 - TITLE_SIZE - 22 - 3 * HOLDER_LEADING - 14  # under header and particulars
ROWS_BOTTOM = BAND_TOP + 22  # room for "continued on the next page"
CLOSING_HEIGHT = 215.0  # totals, sentence, date and signature with the seal
LEAVE_FOR_LAST_PAGE = 5  # courses carried over so the closing page is never without a table


@dataclass(frozen=True)
class Line:
    course: Course
    title_lines: tuple[str, ...]

    @property
    def height(self) -> float:
        return LEADING * len(self.title_lines)


def _lines(content: CertificateContent) -> list[Line]:
    ja = content.language == "ja"
    return [Line(course, tuple(wrap(course.title_ja if ja else course.title_en, MINCHO, SIZE, TITLE_W) or [""]))
            for course in content.record.courses]


def _fits(lines: list[Line], room: float) -> int:
    used, count = 0.0, 0
    for line in lines:
        if used + line.height > room:
            break
        used, count = used + line.height, count + 1
    return count


def paginate(content: CertificateContent) -> list[list[Line]]:
    """Courses per page. The last page also holds the closing block; when the courses left do
    not fit with it, the page before keeps all but a few, which open the last page."""
    room = TABLE_TOP - LEADING - ROWS_BOTTOM
    lines, pages = _lines(content), []
    while True:
        if sum(line.height for line in lines) + CLOSING_HEIGHT <= room:
            pages.append(lines)
            return pages
        count = max(1, _fits(lines, room))
        if count == len(lines):
            count = max(1, len(lines) - LEAVE_FOR_LAST_PAGE)
        pages.append(lines[:count])
        lines = lines[count:]


def pages(content: CertificateContent) -> int:
    return len(paginate(content))


def _particulars(canvas: Canvas, content: CertificateContent, top: float) -> None:
    r, labels, ja = content.record, LABELS[content.language], content.language == "ja"
    left = [Row(labels["name"], r.name_kanji if ja else r.name_romaji),
            Row(labels["student_number"], r.student_number),
            Row(labels["birth_date"], written_date(r.birth_date, content.language))]
    right = [Row(labels["faculty"], r.faculty_ja if ja else r.faculty_en),
             Row(labels["department"], r.department_ja if ja else r.department_en),
             Row(labels["programme"], programme(r, content.language))]
    for x, rows in ((MARGIN, left), (WIDTH / 2, right)):
        y = top
        for row in rows:
            canvas.setFont(GOTHIC, 8)
            canvas.drawString(x, y, row.label)
            canvas.setFont(MINCHO, fitted_size(row.value, MINCHO, 10, WIDTH / 2 - MARGIN - 78))
            canvas.drawString(x + 74, y, row.value)
            y -= HOLDER_LEADING


def _columns() -> tuple[float, float, float, float, float]:
    """Left edges of term, code and title; the right edge of the credits (figures line up); the
    left edge of the grade, wide enough for "Credited"."""
    grade = WIDTH - MARGIN - GRADE_W
    return MARGIN, MARGIN + TERM_W, MARGIN + TERM_W + CODE_W, grade - 10, grade


def _table(canvas: Canvas, content: CertificateContent, lines: list[Line]) -> float:
    labels = LABELS[content.language]
    term, code, title, credits, grade = _columns()
    y = TABLE_TOP
    canvas.setFont(GOTHIC, 8.5)
    canvas.drawString(term, y, labels["term"])
    canvas.drawString(code, y, labels["course_code"])
    canvas.drawString(title, y, labels["course"])
    canvas.drawRightString(credits, y, labels["credits"])
    canvas.drawString(grade, y, labels["grade"])
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, y - 4, WIDTH - MARGIN, y - 4)
    y -= LEADING + 2
    for line in lines:
        canvas.setFont(MINCHO, SIZE)
        canvas.drawString(term, y, wording.term(line.course.term, content.language))
        canvas.drawString(code, y, line.course.code)
        canvas.drawRightString(credits, y, line.course.credits)
        canvas.drawString(grade, y, wording.grade(line.course.grade, content.language))
        for text in line.title_lines:
            canvas.drawString(title, y, text)
            y -= LEADING
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, y + LEADING - 4, WIDTH - MARGIN, y + LEADING - 4)
    return y


def _closing(canvas: Canvas, content: CertificateContent, top: float) -> float:
    labels, record = LABELS[content.language], content.record
    canvas.setFont(GOTHIC, 10)
    canvas.drawString(MARGIN, top - 6, f"{labels['total_credits']}  {record.total_credits}")
    if record.gpa:
        canvas.drawString(MARGIN + 200, top - 6, f"{labels['gpa']}  {record.gpa}")
    canvas.setFont(MINCHO, 11)
    y = top - 34
    indent = "\u3000" if content.language == "ja" else ""
    for text in wrap(indent + statement(content), MINCHO, 11, WIDTH - 2 * MARGIN):
        canvas.drawString(MARGIN, y, text)
        y -= 18
    return signature(canvas, content, y - 12)


def draw_transcript(canvas: Canvas, content: CertificateContent) -> int:
    layout = paginate(content)
    for number, lines in enumerate(layout, start=1):
        if number > 1:
            next_page(canvas)
        canvas.setFillColorRGB(*INK)
        _particulars(canvas, content, header(canvas, content, TITLE_SIZE))
        bottom = _table(canvas, content, lines)
        if number < len(layout):
            canvas.setFont(GOTHIC, 8)
            canvas.drawRightString(WIDTH - MARGIN, bottom + 2, LABELS[content.language]["continued"])
        elif _closing(canvas, content, bottom) < BAND_TOP:
            # CLOSING_HEIGHT is what pagination reserves: a closing that outgrew it would
            # print over the verification band, so it is a bug, not a page to issue.
            raise AssertionError("the transcript's closing runs into the verification band")
        verification_band(canvas, content, number, len(layout))
    return len(layout)
