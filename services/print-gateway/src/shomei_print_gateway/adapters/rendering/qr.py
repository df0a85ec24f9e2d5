"""The verification URL as a QR code, drawn as vector squares (sharp at any printer's resolution)
on a white quiet zone that keeps the background pattern out of the scanner's way."""

from __future__ import annotations

import functools

import segno
from reportlab.pdfgen.canvas import Canvas

QUIET_MODULES = 4  # the standard's quiet zone


@functools.lru_cache(maxsize=64)
def _matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    # Level M: a crease or a stain on the paper (15 % of the code) still reads.
    code = segno.make_qr(url, error="m", boost_error=False)
    return tuple(tuple(bool(module) for module in row) for row in code.matrix)


def draw_qr(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
    """The code with its quiet zone in the square (x, y, size): (x, y) is the lower left corner."""
    matrix = _matrix(url)
    module = size / (len(matrix) + 2 * QUIET_MODULES)
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    path = canvas.beginPath()
    top = y + size - QUIET_MODULES * module
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            # One rectangle per run of dark modules: fewer operators, no hairline seams.
            path.rect(x + (QUIET_MODULES + start) * module, top - (r + 1) * module, (c - start) * module, module)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
