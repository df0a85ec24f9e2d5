"""Transcripts over several pages: every page carries the header, the holder, the verification
code and its QR code and "page x / y"; the totals come once, on the last page."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from pypdf import PdfReader

from shomei_print_gateway.adapters.rendering import mentions, page_count, render
from shomei_print_gateway.domain.certificate import LANGUAGES, CertificateContent

MakeCertificate = Callable[..., CertificateContent]
PAGE = {"ja": "{x} / {y} 頁", "en": "page {x} / {y}"}
TOTALS = {"ja": "修得単位数合計 128", "en": "Total credits earned 128"}
NAMES = {"ja": "山田 花子", "en": "YAMADA Hanako"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_60_course_transcript_runs_over_pages_that_each_carry_header_holder_code_and_page_number(
        make_certificate: MakeCertificate, read_pages: Callable[[bytes], list[str]], language: str) -> None:
    content = make_certificate("transcript", language, course_count=60)
    rendered = render(content)
    pages = read_pages(rendered.pdf)
    assert rendered.pages == len(pages) == len(PdfReader(io.BytesIO(rendered.pdf)).pages) >= 2
    for number, text in enumerate(pages, start=1):
        for expected in (content.title, "Shomei University" if language == "en" else "証明大学", NAMES[language],
                         "S16-00123", "7KQ4-M2XD-9P3F-WA6T", PAGE[language].format(x=number, y=len(pages))):
            assert mentions(text, expected), f"{expected!r} is missing on page {number}"
        last = number == len(pages)
        assert mentions(text, TOTALS[language]) is last
        assert mentions(text, "GPA 3.21") is last
    for course in content.record.courses:
        assert sum(text.count(course.code) for text in pages) == 1, f"{course.code} is listed once"


def test_every_page_of_a_long_transcript_carries_the_qr_code_of_the_verification_url(
        make_certificate: MakeCertificate, read_qr_codes: Callable[[bytes], list[list[str]]]) -> None:
    content = make_certificate("transcript", "ja", course_count=60)
    codes = read_qr_codes(render(content).pdf)
    assert len(codes) >= 2
    assert codes == [[content.verification_url]] * len(codes)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("courses", [0, 1, 12, 30, 31, 34, 35, 40, 60, 61, 100, 150])
def test_the_page_count_for_the_print_estimate_is_the_rendered_one(make_certificate: MakeCertificate,
                                                                   courses: int, language: str) -> None:
    content = make_certificate("transcript", language, course_count=courses)
    assert page_count(content) == render(content).pages


def test_a_short_transcript_is_one_page(make_certificate: MakeCertificate) -> None:
    assert page_count(make_certificate("transcript", "en", course_count=8)) == 1
    assert page_count(make_certificate("transcript", "en", course_count=150)) >= 4
