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
FORM, TILE = "shomei-background", "shomei-copy-tile"


def _n(value: float) -> str:
    """A coordinate to a tenth of a point (0.035 mm): finer than any printer places the lines,
    and a shorter stream to compress in every file."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _lines(left: float, bottom: float, right: float, top: float, line: tuple[float, float]) -> list[str]:
    """Horizontal lines of the given width and spacing over the rectangle, stroked as one path."""
    thickness, spacing = line
    ops = [f"{_n(thickness)} w"]
    y = bottom + spacing / 2
    while y < top:
        ops.append(f"{_n(left)} {_n(y)} m {_n(right)} {_n(y)} l")
        y += spacing
    return [*ops, "S"]


@functools.cache
def _word_cells(font_path: str) -> tuple[tuple[int, int, int, int], ...]:
    """The hidden words as (row, first column, length, rows) blocks of a coarse bitmap, drawn
    once with Pillow; a run repeated on the rows below is one taller block. The words become
    shapes, not text: they stay out of the text a reader or the mix-up guard extracts, and need
    no font in the file."""
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
    blocks: dict[tuple[int, int], list[int]] = {}  # (start, length) -> [first row, rows] of the open block
    merged = []
    for row, start, length in runs:
        block = blocks.get((start, length))
        if block and block[0] + block[1] == row:
            block[1] += 1
        else:
            if block:
                merged.append((block[0], start, length, block[1]))
            blocks[start, length] = [row, 1]
    merged += [(first, start, length, rows) for (start, length), (first, rows) in blocks.items()]
    return tuple(merged)


def _rotation(degrees: float) -> tuple[float, float]:
    angle = math.radians(degrees)
    return math.cos(angle), math.sin(angle)


def _word_size(font_path: str) -> tuple[float, float]:
    runs = _word_cells(font_path)
    return ((max(start + length for _, start, length, _ in runs) + 2 * HIDDEN_PIXELS) * CELL,
            max(row + rows for row, _, _, rows in runs) * CELL)


@functools.cache
def _tile(font_path: str) -> str:
    """One hidden-words tile, in its own turned coordinates: the words' blocks clip; white
    erases the fine lines there, and coarse lines are drawn turned back to the page's own
    orientation. The tile is a form placed a few dozen times, so the file carries its blocks once."""
    word_width, word_height = _word_size(font_path)
    cos, sin = _rotation(HIDDEN_ANGLE)
    reach = math.hypot(word_width, word_height)
    ops = ["q", *(f"{_n(start * CELL)} {_n(word_height - (row + rows) * CELL)} {_n(length * CELL)} {_n(rows * CELL)} re"
                  for row, start, length, rows in _word_cells(font_path)),
           "W n", f"{cos:.4f} {-sin:.4f} {sin:.4f} {cos:.4f} 0 0 cm", "1 1 1 rg",
           f"{_n(-reach)} {_n(-reach)} {_n(2 * reach)} {_n(2 * reach)} re f",
           *_lines(-reach, -reach, reach, reach, COARSE), "Q"]
    return "\n".join(ops)


@functools.cache
def _tile_placements(width: float, height: float, font_path: str) -> tuple[str, ...]:
    """Where the tiles go: rows across the turned page, every other row shifted by half a
    tile; only those that reach the page."""
    word_width, word_height = _word_size(font_path)
    cos, sin = _rotation(HIDDEN_ANGLE)
    reach = math.hypot(width, height)
    placements, line, y = [], 0, -reach
    while y < reach:
        x = -reach + (line % 2) * word_width / 2
        while x < reach:
            page_x, page_y = x * cos - y * sin, x * sin + y * cos
            if -2 * word_width < page_x < width + word_width and -2 * word_width < page_y < height + word_width:
                placements.append(f"{cos:.4f} {sin:.4f} {-sin:.4f} {cos:.4f} {_n(page_x)} {_n(page_y)} cm")
            x += word_width
        y, line = y + 3.6 * word_height, line + 1
    return tuple(placements)


def _guilloche(width: float, height: float) -> list[str]:
    """Four sine waves, phase-shifted, along a band inside the page's margin, all the way round."""
    ops = ["0.35 w"]
    inner = BORDER_INSET + BORDER_BAND / 2
    corners = ((inner, inner), (width - inner, inner), (width - inner, height - inner), (inner, height - inner))
    for phase in range(4):
        points = []
        for (x0, y0), (x1, y1) in zip(corners, corners[1:] + corners[:1], strict=True):
            length = math.hypot(x1 - x0, y1 - y0)
            ux, uy = (x1 - x0) / length, (y1 - y0) / length
            steps = int(length / 3)
            for i in range(steps + 1):
                s = length * i / steps
                offset = BORDER_BAND / 2 * math.sin(s / 7.0 + phase * math.pi / 4) * math.cos(s / 53.0 + phase)
                points.append(f"{_n(x0 + ux * s - uy * offset)} {_n(y0 + uy * s + ux * offset)}")
        ops += [f"{points[0]} m", *(f"{point} l" for point in points[1:]), "S"]
    return ops


@functools.cache
def _fine_tint_and_border(width: float, height: float) -> tuple[str, str]:
    """The operators under and over the hidden words, made once per process: formatting their
    thousands of numbers was most of a certificate's rendering time, and they never change."""
    tint = " ".join(f"{c:.3f}" for c in TINT)
    border = " ".join(f"{c * 0.8:.3f}" for c in TINT)
    return ("\n".join([f"{tint} RG", *_lines(0, 0, width, height, FINE)]),
            "\n".join([f"{border} RG", *_guilloche(width, height)]))


def define_background(canvas: Canvas, width: float, height: float, font_path: str) -> str:
    """The background as a form (an XObject) that each page then places: the file carries its
    lines once, however many pages it has."""
    word_width, word_height = _word_size(font_path)
    canvas.beginForm(TILE, 0, 0, word_width, word_height)
    canvas.addLiteral(_tile(font_path))
    canvas.endForm()
    under, over = _fine_tint_and_border(width, height)
    canvas.beginForm(FORM, 0, 0, width, height)
    canvas.addLiteral("q")
    canvas.addLiteral(under)
    for placement in _tile_placements(width, height, font_path):
        canvas.addLiteral(f"q {placement}")
        canvas.doForm(TILE)  # through the canvas, so the form's resources name the tile
        canvas.addLiteral("Q")
    canvas.addLiteral(over)
    canvas.addLiteral("Q")
    canvas.endForm()
    return FORM
