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


def _f(value: float) -> str:
    return f"{value:.3f}"


def draw_qr(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
    """The code with its quiet zone in the square (x, y, size): (x, y) is the lower left corner.
    Written as PDF operators directly: one rectangle per run of dark modules (no hairline seams
    between them), without reportlab formatting each of the hundreds of numbers in Python."""
    matrix = _matrix(url)
    module = size / (len(matrix) + 2 * QUIET_MODULES)
    top = y + size - QUIET_MODULES * module
    ops = ["q", "1 1 1 rg", f"{_f(x)} {_f(y)} {_f(size)} {_f(size)} re f", "0 0 0 rg"]
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            ops.append(f"{_f(x + (QUIET_MODULES + start) * module)} {_f(top - (r + 1) * module)} "
                       f"{_f((c - start) * module)} {_f(module)} re")
    canvas.addLiteral("\n".join([*ops, "f", "Q"]))
