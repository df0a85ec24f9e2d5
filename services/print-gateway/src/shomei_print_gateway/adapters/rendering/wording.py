"""What the certificates say besides the record: labels, and the sentence each kind certifies,
in Japanese and English."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from shomei_print_gateway.adapters.rendering.dates import written_date
from shomei_print_gateway.domain.certificate import AcademicRecord, CannotRender, CertificateContent

# Each label in both languages side by side, so neither is forgotten when one is added.
_PAIRS = {
    "name": ("氏名", "Name"), "birth_date": ("生年月日", "Date of birth"),
    "student_number": ("学籍番号", "Student number"), "faculty": ("学部・研究科", "Faculty"),
    "department": ("学科・専攻", "Department"), "programme": ("課程", "Programme"), "degree": ("学位", "Degree"),
    "period": ("在籍期間", "Period of enrollment"), "reason": ("事由", "Reason for leaving"),
    "certificate_number": ("証明書番号", "Certificate No."), "code": ("確認コード", "Verification code"),
    "check": ("この証明書の内容は、右のQRコードまたは次のURLで確認コードを入力して確かめられます。",
              "Check this certificate by scanning the QR code, or at the address below with its verification code."),
    "term": ("学期", "Term"), "course_code": ("科目コード", "Code"), "course": ("授業科目", "Course"),
    "credits": ("単位", "Credits"), "grade": ("評価", "Grade"),
    "total_credits": ("修得単位数合計", "Total credits earned"),
    "gpa": ("GPA", "GPA"), "continued": ("（次頁に続く）", "(continued on the next page)"),
}
LABELS = {language: {key: pair[i] for key, pair in _PAIRS.items()} for i, language in enumerate(("ja", "en"))}

PROGRAMMES = {"ja": {"学部": "学士課程", "大学院": "大学院課程"},
              "en": {"学部": "Undergraduate", "大学院": "Graduate school"}}
OUTCOMES = {"ja": {"卒業": "卒業", "修了": "修了", "退学": "退学", "除籍": "除籍"},
            "en": {"卒業": "Graduation", "修了": "Completion", "退学": "Withdrawal",
                   "除籍": "Removal from the register"}}

# English transcripts say in English what a Japanese registrar records in Japanese; a term or
# grade written otherwise is printed as the university wrote it.
TERMS_EN = (("前期", " Spring"), ("後期", " Fall"), ("春学期", " Spring"), ("秋学期", " Fall"), ("通年", " Full year"),
            ("集中", " Intensive"))
GRADES_EN = {"秀": "S", "優": "A", "良": "B", "可": "C", "不可": "F", "認定": "Credited", "合": "Pass", "否": "Fail"}


def term(text: str, language: str) -> str:
    if language == "ja":
        return text
    for japanese, english in TERMS_EN:
        text = text.replace(japanese, english)
    return " ".join(text.split())


def grade(text: str, language: str) -> str:
    return text if language == "ja" else GRADES_EN.get(text, text)


class MissingFact(CannotRender):
    """The record lacks what the kind certifies (no graduation date on a graduation certificate)."""

    def __init__(self, kind: str, field: str) -> None:
        super().__init__(f"a {kind} certificate needs the record's {field}", field)
        self.kind = kind


def page_label(page: int, pages: int, language: str) -> str:
    return f"{page} / {pages} 頁" if language == "ja" else f"page {page} / {pages}"


def programme(record: AcademicRecord, language: str) -> str:
    return PROGRAMMES[language].get(record.programme, record.programme)


def _needed(content: CertificateContent, field: str) -> date:
    value = getattr(content.record, field)
    if value is None:
        raise MissingFact(content.kind, field)
    assert isinstance(value, date)
    return value


def _place(content: CertificateContent) -> str:
    r, u = content.record, content.issuer
    if content.language == "ja":
        return f"本学{r.faculty_ja}{r.department_ja}"
    return f"the {r.department_en}, {r.faculty_en}, {u.university_en}"


def _day(content: CertificateContent, field: str) -> str:
    return written_date(_needed(content, field), content.language)


def _graduation(c: CertificateContent) -> str:
    if c.language == "ja":
        return f"上記の者は、{_day(c, 'graduated_on')}、{_place(c)}を卒業したことを証明する。"
    return f"This is to certify that the person named above graduated from {_place(c)} on {_day(c, 'graduated_on')}."


def _completion(c: CertificateContent) -> str:
    if c.language == "ja":
        return f"上記の者は、{_day(c, 'graduated_on')}、{_place(c)}の課程を修了したことを証明する。"
    return (f"This is to certify that the person named above completed the programme of {_place(c)} "
            f"on {_day(c, 'graduated_on')}.")


def _degree(c: CertificateContent) -> str:
    if not (c.record.degree_ja if c.language == "ja" else c.record.degree_en):
        raise MissingFact(c.kind, "degree_ja" if c.language == "ja" else "degree_en")
    if c.language == "ja":
        return (f"上記の者は、{_day(c, 'graduated_on')}、本学において{c.record.degree_ja}の学位を"
                "授与されたことを証明する。")
    return (f"This is to certify that the person named above was awarded the degree of {c.record.degree_en} "
            f"by {c.issuer.university_en} on {_day(c, 'graduated_on')}.")


def period_end(record: AcademicRecord) -> date | None:
    return record.graduated_on or record.withdrawn_on


def _enrollment_period(c: CertificateContent) -> str:
    end = period_end(c.record)
    if c.language == "ja":
        until = f"{written_date(end, 'ja')}まで" if end else "現在まで"
        return f"上記の者は、{_day(c, 'admitted_on')}から{until}、{_place(c)}に在籍したことを証明する。"
    until = f"to {written_date(end, 'en')}" if end else "to the present day"
    return (f"This is to certify that the person named above was enrolled in {_place(c)} "
            f"from {_day(c, 'admitted_on')} {until}.")


def _expected_graduation(c: CertificateContent) -> str:
    if c.language == "ja":
        verb = "修了見込み" if c.record.programme == "大学院" else "卒業見込み"
        return f"上記の者は、{_day(c, 'expected_graduation_on')}に{_place(c)}を{verb}であることを証明する。"
    verb = "complete the programme of" if c.record.programme == "大学院" else "graduate from"
    return (f"This is to certify that the person named above is expected to {verb} {_place(c)} "
            f"on {_day(c, 'expected_graduation_on')}.")


def _transcript(c: CertificateContent) -> str:
    if c.language == "ja":
        return "上記のとおり相違ないことを証明する。"
    return "This is to certify that the above is a true record of the academic results of the person named above."


STATEMENTS: dict[str, Callable[[CertificateContent], str]] = {
    "graduation": _graduation, "completion": _completion, "degree": _degree,
    "enrollment_period": _enrollment_period, "expected_graduation": _expected_graduation,
    "transcript": _transcript,
}


def statement(content: CertificateContent) -> str:
    return STATEMENTS[content.kind](content)
