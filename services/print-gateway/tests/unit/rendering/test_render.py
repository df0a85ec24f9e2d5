"""Every kind in both languages, read back as a reader and a scanner would: the text (pypdf),
the fonts in the file, the page size, the QR code (pdfium + zxing-cpp)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from shomei_devtools.fonts import ensure_japanese_fonts
from shomei_print_gateway.adapters.rendering import (
    MissingFact,
    MissingGlyph,
    extract_text,
    mentions,
    page_count,
    render,
)
from shomei_print_gateway.adapters.rendering.fonts import MINCHO, registered_fonts
from shomei_print_gateway.adapters.rendering.furniture import wrap
from shomei_print_gateway.domain.certificate import KINDS, LANGUAGES, CertificateContent

MakeCertificate = Callable[..., CertificateContent]

# What each kind certifies, as the sentence on the page says it (line breaks ignored).
FACTS = {
    ("graduation", "ja"): ["令和2年3月25日、本学文学部英米文学科を卒業したことを証明する。"],
    ("graduation", "en"): ["graduated from the Department of English and American Literature, Faculty of Letters, "
                           "Shomei University on 25 March 2020."],
    ("completion", "ja"): ["令和2年3月25日、本学文学部英米文学科の課程を修了したことを証明する。"],
    ("completion", "en"): ["completed the programme of the Department of English and American Literature"],
    ("degree", "ja"): ["学士（文学）の学位を授与されたことを証明する。", "学位"],
    ("degree", "en"): ["was awarded the degree of Bachelor of Arts by Shomei University on 25 March 2020."],
    ("transcript", "ja"): ["上記のとおり相違ないことを証明する。", "修得単位数合計 128", "GPA 3.21", "英米文学概論",
                           "秀"],
    ("transcript", "en"): ["a true record of the academic results", "Total credits earned 128", "GPA 3.21",
                           "Introduction to English and American Literature", "2016 Spring"],
    ("enrollment_period", "ja"): ["平成28年4月1日から令和2年3月25日まで、本学文学部英米文学科に"
                                  "在籍したことを証明する。",
                                  "平成28年4月1日〜令和2年3月25日", "卒業"],
    ("enrollment_period", "en"): ["was enrolled in the Department of English and American Literature, Faculty of "
                                  "Letters, Shomei University from 1 April 2016 to 25 March 2020.",
                                  "Period of enrollment 1 April 2016 – 25 March 2020", "Reason for leaving Graduation"],
    ("expected_graduation", "ja"): ["令和2年3月25日に本学文学部英米文学科を卒業見込みであることを証明する。"],
    ("expected_graduation", "en"): ["is expected to graduate from the Department of English and American Literature"],
}
COMMON = {
    "ja": ["証明大学", "山田 花子", "平成10年4月2日", "S16-00123", "文学部", "英米文学科", "学士課程",
           "令和8年4月1日", "学長　鈴木 一郎", "DEMO-2026-000042", "7KQ4-M2XD-9P3F-WA6T"],
    "en": ["Shomei University", "YAMADA Hanako", "2 April 1998", "S16-00123", "Faculty of Letters",
           "Department of English and American Literature", "Undergraduate", "1 April 2026",
           "SUZUKI Ichiro, President", "DEMO-2026-000042", "7KQ4-M2XD-9P3F-WA6T"],
}
TITLES = {"ja": "卒業証明書", "en": "Certificate of Graduation"}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_says_what_it_certifies_in_its_language(make_certificate: MakeCertificate, kind: str,
                                                          language: str) -> None:
    content = make_certificate(kind, language)
    text = extract_text(render(content).pdf)
    for expected in [content.title, *COMMON[language], *FACTS[kind, language]]:
        assert mentions(text, expected), f"{expected!r} is not on the {kind} certificate in {language}"
    other = "en" if language == "ja" else "ja"
    assert not mentions(text, COMMON[other][1]), "the holder's name is in the certificate's language only"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_mix_up_guard_reads_name_student_number_and_code_back_from_the_pdf(
        make_certificate: MakeCertificate, language: str) -> None:
    content = make_certificate("graduation", language, verification_code="ABCD-EFGH-JKMN-PQRS")
    content = replace(content, record=replace(content.record, student_number="G21-98765", name_kanji="佐藤　健",
                                              name_romaji="SATO Ken"))
    text = extract_text(render(content).pdf)
    name = content.record.name_kanji if language == "ja" else content.record.name_romaji
    for value in (name, "G21-98765", "ABCD-EFGH-JKMN-PQRS"):
        assert mentions(text, value)
    for other in ("山田 花子", "YAMADA Hanako", "S16-00123", "7KQ4-M2XD-9P3F-WA6T"):
        assert not mentions(text, other)


def test_mentions_ignores_line_breaks_and_spaces_but_never_matches_nothing() -> None:
    assert mentions("上記の者は、本学文学部英\n米文学科に", "英米文学科")
    assert mentions("氏名\n山田 花子", "山田　花子")
    assert mentions("ＳＡＴＯ Ｋｅｎ", "SATO Ken")
    assert not mentions("山田 花子", "")
    assert not mentions("山田 花子", "山田 太郎")


def test_the_hidden_words_of_the_background_are_shapes_not_text(make_certificate: MakeCertificate) -> None:
    text = extract_text(render(make_certificate("graduation", "en")).pdf)
    assert "COPY" not in text and "複写" not in text


def _fonts(resources: Any) -> list[DictionaryObject]:
    """The font dictionaries of a page's resources and of the forms it places (the background)."""
    resources = resources.get_object() if resources is not None else {}
    found = [font.get_object() for font in resources.get("/Font", {}).get_object().values()] \
        if "/Font" in resources else []
    for xobject in resources.get("/XObject", {}).get_object().values() if "/XObject" in resources else []:
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            found += _fonts(xobject.get("/Resources"))
    return found


def _descriptor(font: DictionaryObject) -> DictionaryObject:
    if font["/Subtype"] == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    return font["/FontDescriptor"].get_object()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_font_is_embedded_ipaex_truetype_on_a4_pages(make_certificate: MakeCertificate, kind: str,
                                                           language: str) -> None:
    reader = PdfReader(io.BytesIO(render(make_certificate(kind, language)).pdf))
    names = set()
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (595.3, 841.9)
        fonts = _fonts(page.get("/Resources"))
        assert fonts, "the page has text"
        for font in fonts:
            descriptor = _descriptor(font)
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded as TrueType"
            names.add(str(font["/BaseFont"]).split("+")[-1])
    assert names <= {"IPAexMincho", "IPAexGothic"}, names


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_qr_code_read_from_the_page_image_is_the_verification_url(
        make_certificate: MakeCertificate, read_qr_codes: Callable[[bytes], list[list[str]]], language: str) -> None:
    content = make_certificate("degree", language)
    assert read_qr_codes(render(content).pdf) == [[content.verification_url]]


def _images(pdf: bytes) -> int:
    reader = PdfReader(io.BytesIO(pdf))
    count = 0
    for page in reader.pages:
        xobjects = page["/Resources"].get_object().get("/XObject", {})
        count += sum(1 for x in xobjects.get_object().values() if x.get_object().get("/Subtype") == "/Image")
    return count


def test_the_seal_is_stamped_when_the_university_uploaded_one(make_certificate: MakeCertificate) -> None:
    sealed = make_certificate("graduation", "ja")
    unsealed = replace(sealed, issuer=replace(sealed.issuer, seal_png=None))
    assert _images(render(sealed).pdf) == 1
    assert _images(render(unsealed).pdf) == 0
    assert mentions(extract_text(render(unsealed).pdf), "学長　鈴木 一郎")


@pytest.mark.parametrize(("kind", "missing"), [("graduation", "graduated_on"), ("degree", "degree_ja"),
                                               ("enrollment_period", "admitted_on"),
                                               ("expected_graduation", "expected_graduation_on")])
def test_a_record_without_the_fact_its_kind_certifies_is_refused(make_certificate: MakeCertificate, kind: str,
                                                                 missing: str) -> None:
    content = make_certificate(kind, "ja")
    content = replace(content, record=replace(content.record, **{missing: "" if missing == "degree_ja" else None}))
    with pytest.raises(MissingFact) as refused:
        render(content)
    assert refused.value.field == missing


def test_an_enrollment_period_still_running_says_so(make_certificate: MakeCertificate) -> None:
    content = make_certificate("enrollment_period", "en")
    content = replace(content, record=replace(content.record, graduated_on=None, status="在籍"))
    assert mentions(extract_text(render(content).pdf), "from 1 April 2016 to the present day.")


def test_one_page_kinds_count_one_page_and_unknown_kinds_are_refused(make_certificate: MakeCertificate) -> None:
    for kind in KINDS:
        if kind != "transcript":
            assert page_count(make_certificate(kind, "en")) == render(make_certificate(kind, "en")).pages == 1
    with pytest.raises(ValueError, match="no template"):
        render(replace(make_certificate("graduation", "ja"), kind="diploma_supplement"))
    with pytest.raises(ValueError, match="no template"):
        page_count(replace(make_certificate("graduation", "ja"), language="fr"))


@pytest.mark.parametrize(("field", "where"), [("name_kanji", "record"), ("university_ja", "issuer")])
def test_a_character_the_font_cannot_print_is_refused_naming_field_and_character(
        make_certificate: MakeCertificate, field: str, where: str) -> None:
    content = make_certificate("graduation", "ja")
    value = "𠮷田 花子" if where == "record" else "𠮷証明大学"  # 𠮷 (U+20BB7) is not in IPAex
    changed = replace(getattr(content, where), **{field: value})
    with pytest.raises(MissingGlyph) as refused:
        render(replace(content, **{where: changed}))
    assert (refused.value.field, refused.value.character) == (field, "𠮷")


def test_a_course_title_the_font_cannot_print_is_refused_on_a_transcript(make_certificate: MakeCertificate) -> None:
    content = make_certificate("transcript", "ja", course_count=3)
    courses = (*content.record.courses[:2], replace(content.record.courses[2], title_ja="𠮷野家経営論"))
    with pytest.raises(MissingGlyph) as refused:
        render(replace(content, record=replace(content.record, courses=courses)))
    assert refused.value.field == "courses[2].title_ja"
    with_variants = replace(content.record, name_kanji="髙﨑 花子")  # variant kanji IPAex has
    assert render(make_certificate("graduation", "ja", record=with_variants)).pages == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_long_names_wrap_and_still_leave_the_verification_band_clear(make_certificate: MakeCertificate,
                                                                     language: str) -> None:
    content = make_certificate("enrollment_period", language)
    long_record = replace(
        content.record, faculty_ja="グローバル・コミュニケーション学部",
        department_ja="国際文化コミュニケーション学科（英語圏文化専攻）",
        faculty_en="Faculty of Global Communication and Intercultural Studies",
        department_en="Department of International Cultural Communication (Anglophone Cultures Concentration)")
    text = extract_text(render(replace(content, record=long_record)).pdf)
    department = long_record.department_ja if language == "ja" else long_record.department_en
    assert mentions(text, department)


def test_a_sentence_never_breaks_a_date_across_lines() -> None:
    ensure_japanese_fonts()
    registered_fonts()
    lines = wrap("Shomei University from 1\u00a0April\u00a02016 to 25\u00a0March\u00a02020.", MINCHO, 13, 150)
    assert all(line.count("\u00a0") in (0, 2, 4) for line in lines), lines
    assert "25\u00a0March\u00a02020." in lines[-1]
