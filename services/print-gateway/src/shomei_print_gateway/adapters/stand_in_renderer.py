"""A stand-in CertificateRenderer until the real one (adapters/rendering/, issue 10's renderer) is
merged: one A4 page with the type's title, the university, the holder's name, student number,
certificate number and verification code as text, in IPAex Mincho so Japanese is text, not boxes."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from shomei_print_gateway.domain.certificate import CertificateContent, RenderedCertificate

FONT = "IPAexMincho"
FONT_FILES = (Path("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"),
              Path("/usr/share/fonts/truetype/fonts-japanese-mincho.ttf"))


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        path = next((p for p in FONT_FILES if p.exists()), None)
        if path is None:
            raise RuntimeError("IPAex Mincho is missing: apt-get install fonts-ipaexfont-mincho")
        pdfmetrics.registerFont(TTFont(FONT, str(path)))
    return FONT


class StandInRenderer:
    def render(self, content: CertificateContent) -> RenderedCertificate:
        english = content.language == "en"
        record, issuer = content.record, content.issuer
        lines = [
            content.title,
            issuer.university_en if english else issuer.university_ja,
            ("Name: " if english else "氏名：") + (record.name_romaji if english else record.name_kanji),
            ("Student number: " if english else "学籍番号：") + record.student_number,
            ("Certificate number: " if english else "証明書番号：") + content.certificate_number,
            ("Verification code: " if english else "確認コード：") + content.verification_code,
        ]
        out = io.BytesIO()
        page = canvas.Canvas(out, pagesize=A4)
        page.setFont(_font(), 14)
        for index, line in enumerate(lines):
            page.drawString(72, A4[1] - 96 - index * 28, line)
        page.showPage()
        page.save()
        return RenderedCertificate(pdf=out.getvalue(), pages=1)
