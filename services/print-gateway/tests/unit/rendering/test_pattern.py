"""The background marks photocopies: even on the original, the hidden words on a copy.

A copier is modelled as its optics and toner spreading detail (a Gaussian blur of 0.24 pt)
followed by its black-or-white decision for light tints (a threshold). Tone is compared over
6 pt squares, about what the eye sees of a tint at reading distance."""

from __future__ import annotations

import io

import pypdfium2 as pdfium  # type: ignore[import-untyped]
from PIL import Image, ImageFilter, ImageStat
from reportlab.pdfgen.canvas import Canvas

from shomei_devtools.fonts import ensure_japanese_fonts
from shomei_print_gateway.adapters.rendering.fonts import gothic_path
from shomei_print_gateway.adapters.rendering.furniture import HEIGHT, WIDTH
from shomei_print_gateway.adapters.rendering.pattern import define_background

DPI = 600
CROP = (170, 290, 170, 290)  # points cut from left, bottom, right, top: 255 x 262 pt mid-page


def _background_only() -> Image.Image:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(WIDTH, HEIGHT))
    ensure_japanese_fonts()
    canvas.doForm(define_background(canvas, WIDTH, HEIGHT, gothic_path()))
    canvas.showPage()
    canvas.save()
    document = pdfium.PdfDocument(out.getvalue())
    try:
        return document[0].render(scale=DPI / 72, grayscale=True, crop=CROP).to_pil().convert("L")
    finally:
        document.close()


def _unevenness(image: Image.Image) -> float:
    """The spread of tone over 6 pt squares."""
    box = round(6 * DPI / 72)
    squares = image.resize((image.width // box, image.height // box), Image.Resampling.BOX)
    return float(ImageStat.Stat(squares).stddev[0])


def test_the_tint_is_even_on_the_original_and_a_copy_shows_the_hidden_words() -> None:
    original = _background_only()
    copy = original.filter(ImageFilter.GaussianBlur(2)).point(lambda v: 255 if v > 230 else 0)
    assert _unevenness(original) < 1.5, "the original reads as one tone"
    assert 100 < ImageStat.Stat(original).mean[0] < 250, "and there is a tint to see"
    assert _unevenness(copy) > 4 * max(_unevenness(original), 1.0), "the copy is patterned: the words stand out"
    assert ImageStat.Stat(copy).mean[0] > 235, "the copy drops the fine lines: words on white, not a grey page"
