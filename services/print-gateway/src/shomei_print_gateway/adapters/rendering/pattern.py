"""The background that marks photocopies (ADR 0033): a light line tint with hidden words, and a
guilloche border.

The tint is horizontal lines covering a quarter of the page's area everywhere. Outside the
hidden words (COPY 複写, tiled at an angle) the lines are fine: 0.3 pt wide every 1.2 pt. Inside
them they are coarse: 0.9 pt every 3.6 pt. The eye, and a printer reproducing the file, see one
even tint; a copier or scanner that loses fine light detail drops the fine lines first and keeps
the coarse ones, so the words come out on the copy. The border is a band of interlaced sine
waves, which a copy blurs. Neither is proof of anything: the verification code is.
"""

from __future__ import annotations

import functools
import math

from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfgen.canvas import Canvas

TINT = (0.80, 0.85, 0.91)
FINE, COARSE = (0.3, 1.2), (0.9, 3.6)  # (line width, spacing): both cover 25 %
HIDDEN_WORDS, HIDDEN_PIXELS, HIDDEN_ANGLE = "COPY 複写", 14, 30
CELL = 3.3  # points per pixel of the hidden words' bitmap: letters about 46 pt high
BORDER_INSET, BORDER_BAND = 22.0, 9.0
FORM = "shomei-background"


def _lines(canvas: Canvas, width: float, height: float, line: tuple[float, float], low: float = 0.0) -> None:
    thickness, spacing = line
    canvas.setLineWidth(thickness)
    path = canvas.beginPath()
    y = low + spacing / 2
    while y < height:
        path.moveTo(-width, y)
        path.lineTo(2 * width, y)
        y += spacing
    canvas.drawPath(path, stroke=1, fill=0)


@functools.cache
def _word_cells(font_path: str) -> tuple[tuple[int, int, int], ...]:
    """The hidden words as (row, first column, length) runs of a coarse bitmap, drawn once with
    Pillow. The words become shapes, not text: they stay out of the text a reader or the mix-up
    guard extracts, and need no font in the file."""
    font = ImageFont.truetype(font_path, HIDDEN_PIXELS)
    left, top, right, bottom = font.getbbox(HIDDEN_WORDS)
    mask = Image.new("1", (int(right - left), int(bottom - top)))
    ImageDraw.Draw(mask).text((-left, -top), HIDDEN_WORDS, fill=1, font=font)
    runs = []
    for row in range(mask.height):
        column = 0
        while column < mask.width:
            if not mask.getpixel((column, row)):
                column += 1
                continue
            start = column
            while column < mask.width and mask.getpixel((column, row)):
                column += 1
            runs.append((row, start, column - start))
    return tuple(runs)


def _hidden_words(canvas: Canvas, width: float, height: float, font_path: str) -> None:
    """Coarse lines inside the tiled words: the words clip, white erases the fine lines there,
    and the coarse lines are drawn in the page's own orientation."""
    runs = _word_cells(font_path)
    word_width = (max(start + length for _, start, length in runs) + 2 * HIDDEN_PIXELS) * CELL
    word_height = (max(row for row, _, _ in runs) + 1) * CELL
    canvas.saveState()
    canvas.rotate(HIDDEN_ANGLE)
    clip = canvas.beginPath()
    reach = math.hypot(width, height)
    line, y = 0, -reach
    while y < reach:
        x = -reach + (line % 2) * word_width / 2
        while x < reach:
            for row, start, length in runs:
                clip.rect(x + start * CELL, y + word_height - (row + 1) * CELL, length * CELL, CELL)
            x += word_width
        y, line = y + 3.6 * word_height, line + 1
    canvas.clipPath(clip, stroke=0, fill=0)
    canvas.rotate(-HIDDEN_ANGLE)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(0, 0, width, height, stroke=0, fill=1)
    _lines(canvas, width, height, COARSE)
    canvas.restoreState()


def _guilloche(canvas: Canvas, width: float, height: float) -> None:
    """Four sine waves, phase-shifted, along each edge of a band inside the page's margin."""
    canvas.setLineWidth(0.35)
    inner = BORDER_INSET + BORDER_BAND / 2
    edges = (((inner, inner), (width - inner, inner)), ((width - inner, inner), (width - inner, height - inner)),
             ((width - inner, height - inner), (inner, height - inner)), ((inner, height - inner), (inner, inner)))
    for phase in range(4):
        path = canvas.beginPath()
        for (x0, y0), (x1, y1) in edges:
            length = math.hypot(x1 - x0, y1 - y0)
            ux, uy = (x1 - x0) / length, (y1 - y0) / length
            steps = int(length / 1.5)
            for i in range(steps + 1):
                s = length * i / steps
                offset = BORDER_BAND / 2 * math.sin(s / 7.0 + phase * math.pi / 4) * math.cos(s / 53.0 + phase)
                point = (x0 + ux * s - uy * offset, y0 + uy * s + ux * offset)
                if i == 0 and (x0, y0) == edges[0][0]:
                    path.moveTo(*point)
                else:
                    path.lineTo(*point)
        canvas.drawPath(path, stroke=1, fill=0)


def define_background(canvas: Canvas, width: float, height: float, font_path: str) -> str:
    """Draws the background once into a form (an XObject) that each page then places: the file
    carries the ~1,000 lines once, however many pages it has."""
    canvas.beginForm(FORM, 0, 0, width, height)
    canvas.saveState()
    canvas.setStrokeColorRGB(*TINT)
    _lines(canvas, width, height, FINE)
    _hidden_words(canvas, width, height, font_path)
    canvas.setStrokeColorRGB(*(c * 0.8 for c in TINT))
    _guilloche(canvas, width, height)
    canvas.restoreState()
    canvas.endForm()
    return FORM
