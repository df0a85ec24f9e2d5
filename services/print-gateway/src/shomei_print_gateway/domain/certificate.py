"""What a certificate says, as plain data: the registrar's record of one student number, the
university that issues it, and the facts of this issue (issue 10).

Rendering (an adapter) turns a `CertificateContent` into a PDF; the service layer builds the
content from the order, the record obtained from enrollment at issue time, and the tenant's issuer
details. Nothing here knows about PDFs, HTTP or Kafka.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date

# What a certificate type certifies; a catalogue type names one of these as its template.
KINDS = ("graduation", "completion", "degree", "transcript", "enrollment_period", "expected_graduation")
LANGUAGES = ("ja", "en")

# Crockford's base32 without I, L, O, U: read aloud and typed without confusion.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS, CODE_GROUP_LENGTH = 4, 4  # 16 characters × 5 bits = 80 bits


@dataclass(frozen=True)
class Course:
    term: str  # e.g. 2015前期 / 2015 Spring
    code: str
    title_ja: str
    title_en: str
    credits: str  # decimal as text ("2", "1.5"): never a float
    grade: str  # as the university grades: 秀/優/良/可/不可, S/A/B/C/F, 認定 …


@dataclass(frozen=True)
class AcademicRecord:
    """One student number's record as the registrar imported it (enrollment owns it)."""

    student_number: str
    name_kanji: str
    name_romaji: str
    birth_date: date
    status: str  # 卒業 / 退学 / 除籍 (enrollment's outcome)
    programme: str  # 学部 / 大学院
    faculty_ja: str
    faculty_en: str
    department_ja: str
    department_en: str
    degree_ja: str = ""  # 学士（文学）; empty when no degree was conferred
    degree_en: str = ""  # Bachelor of Arts
    admitted_on: date | None = None
    graduated_on: date | None = None  # or completed, for a graduate school
    withdrawn_on: date | None = None  # 退学 or 除籍
    expected_graduation_on: date | None = None
    courses: tuple[Course, ...] = ()
    total_credits: str = ""  # decimal as text
    gpa: str = ""  # decimal as text, empty where the university has none


@dataclass(frozen=True)
class Issuer:
    """The university as it signs: names and the president, with the seal a tenant admin uploaded."""

    tenant_id: str
    university_ja: str
    university_en: str
    president_title_ja: str  # 学長
    president_title_en: str  # President
    president_name_ja: str
    president_name_en: str
    seal_png: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class CertificateContent:
    kind: str  # one of KINDS
    language: str  # one of LANGUAGES
    title: str  # the type's name in the certificate's language (卒業証明書 / Certificate of Graduation)
    record: AcademicRecord
    issuer: Issuer
    issued_on: date  # Japanese era on Japanese certificates (令和8年4月1日), Western on English ones
    certificate_number: str
    verification_code: str  # grouped, e.g. 7KQ4-M2XD-9P3F-WA6T
    verification_url: str  # what the QR code opens


class CannotRender(ValueError):
    """The record cannot be rendered as this certificate: it lacks what the kind certifies, or
    holds a character the certificate's font cannot print. `field` names the record's field (never
    its value: that is personal data)."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class RenderedCertificate:
    pdf: bytes = field(repr=False)
    pages: int


def new_verification_code() -> str:
    """80 random bits, in four groups of four, to be read aloud or typed from the paper."""
    characters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LENGTH))
    return "-".join(characters[i:i + CODE_GROUP_LENGTH] for i in range(0, len(characters), CODE_GROUP_LENGTH))


def normalised_code(typed: str) -> str:
    """A code as a person types it (lower case, spaces, O for 0, I/L for 1) in its grouped form;
    the empty string when it cannot be one."""
    cleaned = typed.upper().replace("O", "0").replace("I", "1").replace("L", "1")
    characters = "".join(c for c in cleaned if c not in " -\u3000")
    if len(characters) != CODE_GROUPS * CODE_GROUP_LENGTH or any(c not in CODE_ALPHABET for c in characters):
        return ""
    return "-".join(characters[i:i + CODE_GROUP_LENGTH] for i in range(0, len(characters), CODE_GROUP_LENGTH))
