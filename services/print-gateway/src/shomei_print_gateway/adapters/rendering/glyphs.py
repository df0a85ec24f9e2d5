"""Every character a certificate prints must be in the font: a name with a character IPAex
lacks (𠮷, U+20BB7, is one) would print as an empty box and read back as something else. Such
a certificate is refused before anything is drawn, naming the field and the character, so
staff can correct the record or issue it by hand."""

from __future__ import annotations

from collections.abc import Iterator

from reportlab.pdfbase import pdfmetrics

from shomei_print_gateway.domain.certificate import CannotRender, CertificateContent


class MissingGlyph(CannotRender):
    def __init__(self, field: str, character: str) -> None:
        super().__init__(f"{field} holds {character!r} (U+{ord(character):04X}), which the font cannot print", field)
        self.character = character


def _printed(content: CertificateContent) -> Iterator[tuple[str, str]]:
    """(field, text) for every text of the content the certificate prints in its language."""
    suffix = "_ja" if content.language == "ja" else "_en"
    record, issuer = content.record, content.issuer
    yield "title", content.title
    yield "certificate_number", content.certificate_number
    yield "verification_code", content.verification_code
    yield "verification_url", content.verification_url
    yield "student_number", record.student_number
    yield ("name_kanji", record.name_kanji) if content.language == "ja" else ("name_romaji", record.name_romaji)
    for name in ("faculty", "department", "degree"):
        yield name + suffix, getattr(record, name + suffix)
    for name in ("university", "president_title", "president_name"):
        yield name + suffix, getattr(issuer, name + suffix)
    if content.kind == "transcript":
        yield "total_credits", record.total_credits
        yield "gpa", record.gpa
        for i, course in enumerate(record.courses):
            for name in ("term", "code", "credits", "grade", "title" + suffix):
                yield f"courses[{i}].{name}", getattr(course, name)


def check_glyphs(content: CertificateContent, font: str) -> None:
    covered = pdfmetrics.getFont(font).face.charToGlyph
    for field, text in _printed(content):
        for character in text:
            if ord(character) not in covered:
                raise MissingGlyph(field, character)
