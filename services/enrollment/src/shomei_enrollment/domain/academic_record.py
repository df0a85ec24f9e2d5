"""Academic records (成績・学位の記録) the registrar imports per student number: what a certificate
certifies beyond the alumni record (学籍) it completes. Two files: one row per student number for
the record, one row per course for the transcript. A record is replaced whole by a re-import;
every replacement is a new version of the record's history."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from shomei_enrollment.domain.applicant import MAX_STUDENT_NUMBER_LENGTH, EnrollmentStatus, parse_date
from shomei_enrollment.domain.catalogue import GRADUATE, UNDERGRADUATE
from shomei_enrollment.domain.events import AcademicRecordReplaced, AcademicRecordsImported
from shomei_enrollment.domain.text import clean, half_width_digits
from shomei_shared.errors import Violations
from shomei_shared.messages import Aggregate

RECORD_COLUMNS = ("student_number", "name_romaji", "degree", "degree_ja", "degree_en", "admitted_on",
                  "graduated_on", "withdrawn_on", "expected_graduation_on")
COURSE_COLUMNS = ("student_number", "term", "code", "title_ja", "title_en", "credits", "grade")
# The degree a programme confers: a bachelor's from a faculty, the others from a graduate school.
DEGREES = {"学士": UNDERGRADUATE, "修士": GRADUATE, "博士": GRADUATE, "専門職": GRADUATE}
# The two grading scales Japanese universities use, as grade points; 不可 and F count in the GPA
# with no credit earned. Passes without a grade (認定: transferred or recognised credit) earn
# credits and stay out of the GPA.
GRADE_POINTS = {"秀": 4, "優": 3, "良": 2, "可": 1, "不可": 0, "S": 4, "A": 3, "B": 2, "C": 1, "D": 0, "F": 0}
UNGRADED_PASSES = ("認定", "合格", "P")
MAX_TEXT = 200
MAX_COURSES = 400  # a transcript of one student number; a typo in a number must not make one huge
MAX_CREDITS = Decimal("30")
EARLIEST = date(1900, 1, 1)


@dataclass(frozen=True)
class Course:
    term: str
    code: str
    title_ja: str
    title_en: str
    credits: Decimal
    grade: str


@dataclass(frozen=True)
class RecordRow:
    student_number: str
    name_romaji: str
    degree: str  # one of DEGREES, or "" when none was conferred
    degree_ja: str
    degree_en: str
    admitted_on: date
    graduated_on: date | None
    withdrawn_on: date | None
    expected_graduation_on: date | None


@dataclass(frozen=True)
class Standing:
    """What the alumni record and its faculty already say of the student number."""

    status: EnrollmentStatus
    programme: str


@dataclass(frozen=True)
class AcademicRecordData:
    record: RecordRow
    courses: tuple[Course, ...]

    @property
    def total_credits(self) -> Decimal:
        return sum((c.credits for c in self.courses if earns_credit(c.grade)), Decimal(0))

    @property
    def gpa(self) -> Decimal | None:
        """Σ(grade points × credits) / Σ(credits of graded courses), to two places; None with none."""
        graded = [c for c in self.courses if c.grade in GRADE_POINTS]
        attempted = sum((c.credits for c in graded), Decimal(0))
        if not attempted:
            return None
        points = sum((GRADE_POINTS[c.grade] * c.credits for c in graded), Decimal(0))
        return (points / attempted).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def digest(self) -> str:
        """The same data imported again has the same digest: no new version for it."""
        canonical = json.dumps(asdict(self), default=str, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()


def earns_credit(grade: str) -> bool:
    return grade in UNGRADED_PASSES or GRADE_POINTS.get(grade, 0) > 0


def student_number_of(row: Mapping[str, str | None], problems: Violations) -> str:
    number = half_width_digits(clean(row.get("student_number")))
    if not number or len(number) > MAX_STUDENT_NUMBER_LENGTH:
        problems.add("student_number_length", "student_number", max=MAX_STUDENT_NUMBER_LENGTH)
        return ""
    return number


def parse_record_row(row: Mapping[str, str | None], today: date, problems: Violations) -> RecordRow | None:
    """One row of the records file, or None with its problems recorded (fields named by column)."""
    before = len(problems.found)
    number = student_number_of(row, problems)
    texts = {name: _text(row, name, problems) for name in ("name_romaji", "degree_ja", "degree_en")}
    if not texts["name_romaji"]:
        problems.required("name_romaji")
    degree = clean(row.get("degree"))
    if degree and degree not in DEGREES:
        problems.add("degree_unknown", "degree", allowed=" ".join(DEGREES))
    if bool(degree) != bool(texts["degree_ja"]) or bool(texts["degree_ja"]) != bool(texts["degree_en"]):
        problems.add("degree_names_incomplete", "degree_ja")
    admitted = _date(row, "admitted_on", today, problems, required=True)
    graduated = _date(row, "graduated_on", today, problems)
    withdrawn = _date(row, "withdrawn_on", today, problems)
    expected = _date(row, "expected_graduation_on", today, problems, future=True)
    for name, later in (("graduated_on", graduated), ("withdrawn_on", withdrawn), ("expected_graduation_on", expected)):
        if admitted and later and later <= admitted:
            problems.add("date_before_admission", name)
    if len(problems.found) > before or admitted is None:
        return None
    return RecordRow(number, texts["name_romaji"], degree, texts["degree_ja"], texts["degree_en"], admitted,
                     graduated, withdrawn, expected)


def check_standing(record: RecordRow, standing: Standing, problems: Violations) -> None:
    """The record agrees with the alumni record: a graduate has a graduation date and a degree of
    the faculty's programme; one who left has the date they left and no degree."""
    if standing.status is EnrollmentStatus.GRADUATED:
        if record.graduated_on is None:
            problems.required("graduated_on")
        if record.withdrawn_on is not None:
            problems.add("date_not_for_status", "withdrawn_on")
        if record.degree and DEGREES[record.degree] != standing.programme:
            problems.add("degree_not_of_programme", "degree")
    else:
        if record.withdrawn_on is None:
            problems.required("withdrawn_on")
        if record.graduated_on is not None:
            problems.add("date_not_for_status", "graduated_on")
        if record.degree:
            problems.add("degree_not_for_status", "degree")


def parse_course_row(row: Mapping[str, str | None], problems: Violations) -> tuple[str, Course] | None:
    """(student number, course) of one row of the courses file, or None with its problems."""
    before = len(problems.found)
    number = student_number_of(row, problems)
    texts = {name: _text(row, name, problems) for name in ("term", "code", "title_ja", "title_en")}
    for name in ("term", "title_ja", "title_en"):
        if not texts[name]:
            problems.required(name)
    credits = _credits(half_width_digits(clean(row.get("credits"))), problems)
    grade = clean(row.get("grade"))
    grade = grade.upper() if grade.isascii() else grade  # s, a, b as typed in a spreadsheet
    if grade not in GRADE_POINTS and grade not in UNGRADED_PASSES:
        problems.add("grade_unknown", "grade", allowed=" ".join([*GRADE_POINTS, *UNGRADED_PASSES]))
    if len(problems.found) > before or credits is None:
        return None
    return number, Course(texts["term"], texts["code"], texts["title_ja"], texts["title_en"], credits, grade)


def _text(row: Mapping[str, str | None], name: str, problems: Violations) -> str:
    value = clean(row.get(name))
    if len(value) > MAX_TEXT:
        problems.add("too_long", name, max=MAX_TEXT)
    return value


def _date(row: Mapping[str, str | None], name: str, today: date, problems: Violations, *, required: bool = False,
          future: bool = False) -> date | None:
    value = half_width_digits(clean(row.get(name)))
    if not value:
        if required:
            problems.required(name)
        return None
    found = parse_date(value)
    if found is None or found < EARLIEST:
        problems.add("date_format", name)
        return None
    if found > today and not future:
        problems.add("date_in_future", name)
        return None
    return found


def _credits(value: str, problems: Violations) -> Decimal | None:
    try:
        credits = Decimal(value)
    except InvalidOperation:
        credits = Decimal(-1)
    if not credits.is_finite() or credits < 0 or credits > MAX_CREDITS or (credits * 2) % 1:
        problems.add("credits_format", "credits", max=MAX_CREDITS)
        return None
    return credits.quantize(Decimal(1) if credits == credits.to_integral_value() else Decimal("0.1"))


class AcademicRecordHistory(Aggregate):
    """One student number's record through its versions; its id is the record's row id, so no
    event names the student number, and none carries a name, a date or a grade."""

    topic = "enrollment.records"

    def replace(self, import_id: str, staff_id: str, courses: int) -> None:
        self.record(AcademicRecordReplaced(import_id=import_id, staff_id=staff_id, record_version=self.version + 1,
                                           courses=courses))

    def apply_AcademicRecordReplaced(self, event: AcademicRecordReplaced) -> None:
        """The data itself is in the academic_records tables."""


class AcademicRecordsImport(Aggregate):
    """One import run; only its counts are published."""

    topic = "enrollment.records"

    def finish(self, created: int, replaced: int, unchanged: int, rejected: int) -> None:
        self.record(AcademicRecordsImported(created=created, replaced=replaced, unchanged=unchanged,
                                            rejected=rejected))

    def apply_AcademicRecordsImported(self, event: AcademicRecordsImported) -> None:
        """The counts are the whole story."""
