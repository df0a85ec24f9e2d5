"""`render(content)`: a certificate as an A4 PDF with its fonts embedded, one template family per
kind (ADR 0033); `page_count(content)`: its pages, without rendering."""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from shomei_print_gateway.adapters.rendering import statement, transcript
from shomei_print_gateway.adapters.rendering.fonts import gothic_path, registered_fonts
from shomei_print_gateway.adapters.rendering.furniture import HEIGHT, WIDTH, place_background
from shomei_print_gateway.adapters.rendering.glyphs import check_glyphs
from shomei_print_gateway.adapters.rendering.pattern import define_background
from shomei_print_gateway.domain.certificate import KINDS, LANGUAGES, CertificateContent, RenderedCertificate

# reportlab wraps every compressed stream in ASCII85 by default, for 7-bit channels no upload
# uses: it made files a quarter larger and was over half of a certificate's rendering time.
# print-gateway is the process's only user of reportlab.
rl_config.useA85 = 0

FAMILIES: dict[str, Callable[[Canvas, CertificateContent], int]] = {
    **{kind: statement.draw_statement for kind in statement.KINDS},
    "transcript": transcript.draw_transcript,
}
assert set(FAMILIES) == set(KINDS), "every kind a catalogue can name has a template"


def _check(content: CertificateContent) -> None:
    if content.kind not in FAMILIES:
        raise ValueError(f"no template for the kind {content.kind!r}")
    if content.language not in LANGUAGES:
        raise ValueError(f"no template in the language {content.language!r}")


def render(content: CertificateContent) -> RenderedCertificate:
    _check(content)
    mincho, _ = registered_fonts()
    check_glyphs(content, mincho)  # Gothic covers the same characters: both are IPAex
    buffer = io.BytesIO()
    # reportlab's initial font would be Helvetica, one of the 14 standard fonts no PDF embeds:
    # starting in Mincho leaves no font in the file that a printer could substitute.
    canvas = Canvas(buffer, pagesize=(WIDTH, HEIGHT), pageCompression=1, initialFontName=mincho)
    # The document's metadata names the type and the university, never the holder: a file's
    # properties travel further than its pages.
    canvas.setTitle(content.title)
    canvas.setAuthor(content.issuer.university_ja if content.language == "ja" else content.issuer.university_en)
    canvas.setCreator("Shomei")
    define_background(canvas, WIDTH, HEIGHT, gothic_path())
    place_background(canvas)
    pages = FAMILIES[content.kind](canvas, content)
    canvas.showPage()
    canvas.save()
    return RenderedCertificate(pdf=buffer.getvalue(), pages=pages)


def page_count(content: CertificateContent) -> int:
    """Pages of the certificate as `render` lays it out, for the catalogue's print estimate."""
    _check(content)
    if content.kind == "transcript":
        registered_fonts()  # line breaks need the fonts' widths
        return transcript.pages(content)
    return 1
