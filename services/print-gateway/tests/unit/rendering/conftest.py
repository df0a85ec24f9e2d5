"""Certificates to render: a graduate of a demo university with a generated seal, every kind in
both languages, and the fonts and tools the tests need installed on first use."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from datetime import date

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

from shomei_devtools.fonts import ensure_japanese_fonts
from shomei_print_gateway.adapters.rendering import extract_text
from shomei_print_gateway.domain.certificate import AcademicRecord, CertificateContent, Course, Issuer

TITLES = {
    "graduation": ("卒業証明書", "Certificate of Graduation"),
    "completion": ("修了証明書", "Certificate of Completion"),
    "degree": ("学位授与証明書", "Certificate of Degree Conferral"),
    "transcript": ("成績証明書", "Academic Transcript"),
    "enrollment_period": ("在籍期間証明書", "Certificate of Enrollment Period"),
    "expected_graduation": ("卒業見込証明書", "Certificate of Expected Graduation"),
}
GRADES = ("秀", "優", "良", "可", "認定")
TITLE_WORDS = (("英米文学概論", "Introduction to English and American Literature"),
               ("第二外国語（ドイツ語）初級Ⅰ", "Second Foreign Language (German), Elementary I"),
               ("情報処理演習", "Information Processing Practice"),
               ("比較文化論特殊講義：近代日本と西洋の思想交流", "Special Lecture in Comparative Culture: "
                "Intellectual Exchange between Modern Japan and the West"),
               ("卒業論文", "Graduation Thesis"))


@functools.cache
def seal_png() -> bytes:
    """A red round seal reading 証明大学長印, like the generated seals of the demo universities."""
    image = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red = (200, 30, 30, 230)
    draw.ellipse((8, 8, 232, 232), outline=red, width=12)
    font = ImageFont.truetype(ensure_japanese_fonts()[0], 64)
    for i, pair in enumerate(("証明", "大学", "長印")):
        draw.text((120, 62 + i * 58), pair, fill=red, font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def courses(count: int) -> tuple[Course, ...]:
    made = []
    for i in range(count):
        ja, en = TITLE_WORDS[i % len(TITLE_WORDS)]
        half = i * 8 // count  # eight terms over four years, in order
        made.append(Course(term=f"{2016 + half // 2}{'後期' if half % 2 else '前期'}", code=f"LIT{101 + i:03d}",
                           title_ja=f"{ja}", title_en=en, credits="2" if i % 3 else "1.5",
                           grade=GRADES[i % len(GRADES)]))
    return tuple(made)


def record(course_count: int = 0) -> AcademicRecord:
    return AcademicRecord(
        student_number="S16-00123", name_kanji="山田 花子", name_romaji="YAMADA Hanako",
        birth_date=date(1998, 4, 2), status="卒業", programme="学部",
        faculty_ja="文学部", faculty_en="Faculty of Letters",
        department_ja="英米文学科", department_en="Department of English and American Literature",
        degree_ja="学士（文学）", degree_en="Bachelor of Arts",
        admitted_on=date(2016, 4, 1), graduated_on=date(2020, 3, 25),
        expected_graduation_on=date(2020, 3, 25),
        courses=courses(course_count), total_credits="128", gpa="3.21",
    )


def issuer() -> Issuer:
    return Issuer(tenant_id="demo-univ", university_ja="証明大学", university_en="Shomei University",
                  president_title_ja="学長", president_title_en="President",
                  president_name_ja="鈴木 一郎", president_name_en="SUZUKI Ichiro", seal_png=seal_png())


def certificate(kind: str, language: str, course_count: int = 24, **changes: object) -> CertificateContent:
    ja, en = TITLES[kind]
    fields: dict[str, object] = dict(
        kind=kind, language=language, title=ja if language == "ja" else en,
        record=record(course_count if kind == "transcript" else 0), issuer=issuer(),
        issued_on=date(2026, 4, 1), certificate_number="DEMO-2026-000042",
        verification_code="7KQ4-M2XD-9P3F-WA6T",
        verification_url="https://verify.shomei.example/demo-univ/v/7KQ4M2XD9P3FWA6T",
    )
    fields.update(changes)
    return CertificateContent(**fields)  # type: ignore[arg-type]


@pytest.fixture
def make_certificate() -> Callable[..., CertificateContent]:
    ensure_japanese_fonts()  # installed from Debian on first use, before anything renders
    return certificate


def page_texts(pdf: bytes) -> list[str]:
    return extract_text(pdf).split("\f")


def qr_codes(pdf: bytes) -> list[list[str]]:
    """Each page rendered to an image (pdfium, 144 dpi) and the QR codes a scanner reads on it."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [[code.text for code in zxingcpp.read_barcodes(page.render(scale=2).to_pil())
                 if code.format == zxingcpp.BarcodeFormat.QRCode] for page in document]
    finally:
        document.close()


@pytest.fixture
def read_pages() -> Callable[[bytes], list[str]]:
    return page_texts


@pytest.fixture
def read_qr_codes() -> Callable[[bytes], list[list[str]]]:
    return qr_codes
