"""The rules of one academic record: its row, its courses, its standing against the alumni record,
and the credits and GPA computed from the courses (ADR 0031)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from shomei_enrollment.domain.academic_record import (
    AcademicRecordData,
    Course,
    RecordRow,
    Standing,
    check_standing,
    parse_course_row,
    parse_record_row,
)
from shomei_enrollment.domain.applicant import EnrollmentStatus
from shomei_shared.errors import Violations

TODAY = date(2026, 4, 14)
ROW = {"student_number": "Ｌ０８００１", "name_romaji": "SHOMEI TARO", "degree": "学士", "degree_ja": "学士（文学）",
       "degree_en": "Bachelor of Arts", "admitted_on": "2008/4/1", "graduated_on": "2012-03-20", "withdrawn_on": "",
       "expected_graduation_on": "2012-03-31"}


def problems_of(row: dict[str, str]) -> set[tuple[str, str]]:
    problems = Violations()
    parse_record_row(row, TODAY, problems)
    return {(v.field, v.code) for v in problems.found}


def test_a_good_row_is_read_with_half_width_digits_and_dates() -> None:
    record = parse_record_row(ROW, TODAY, Violations())
    assert record is not None and record.student_number == "L08001"
    assert (record.admitted_on, record.graduated_on) == (date(2008, 4, 1), date(2012, 3, 20))


@pytest.mark.parametrize(("change", "expected"), [
    ({"degree": "学位"}, {("degree", "degree_unknown")}),
    ({"degree_en": ""}, {("degree_ja", "degree_names_incomplete")}),
    ({"admitted_on": ""}, {("admitted_on", "required")}),
    ({"graduated_on": "2007-03-20"}, {("graduated_on", "date_before_admission")}),
    ({"graduated_on": "2030-03-20"}, {("graduated_on", "date_in_future")}),
    ({"expected_graduation_on": "2030-03-31"}, set()),  # expected: may lie ahead
    ({"name_romaji": ""}, {("name_romaji", "required")}),
])
def test_each_problem_is_named_at_its_column(change: dict[str, str], expected: set[tuple[str, str]]) -> None:
    assert problems_of({**ROW, **change}) == expected


def record(**changes: object) -> RecordRow:
    found = parse_record_row(ROW, TODAY, Violations())
    assert found is not None
    return RecordRow(**{**found.__dict__, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(("row", "standing", "expected"), [
    (record(), Standing(EnrollmentStatus.GRADUATED, "undergraduate"), set()),
    (record(graduated_on=None), Standing(EnrollmentStatus.GRADUATED, "undergraduate"), {"graduated_on"}),
    (record(), Standing(EnrollmentStatus.GRADUATED, "graduate"), {"degree"}),  # 学士 from a graduate school
    (record(graduated_on=None, degree="", degree_ja="", degree_en="", withdrawn_on=date(2010, 9, 30)),
     Standing(EnrollmentStatus.WITHDREW, "undergraduate"), set()),
    (record(withdrawn_on=date(2010, 9, 30)), Standing(EnrollmentStatus.EXPELLED, "undergraduate"),
     {"graduated_on", "degree"}),
])
def test_the_record_agrees_with_the_alumni_records_status_and_programme(
        row: RecordRow, standing: Standing, expected: set[str]) -> None:
    problems = Violations()
    check_standing(row, standing, problems)
    assert {v.field for v in problems.found} == expected


@pytest.mark.parametrize(("credits", "accepted"), [("2", "2"), ("1.5", "1.5"), ("０.５", "0.5"), ("2.3", None),
                                                   ("31", None), ("-1", None), ("two", None), ("NaN", None)])
def test_credits_are_half_steps_up_to_thirty(credits: str, accepted: str | None) -> None:
    problems = Violations()
    found = parse_course_row({"student_number": "L08001", "term": "2008前期", "code": "L1", "title_ja": "概論",
                              "title_en": "Introduction", "credits": credits, "grade": "a"}, problems)
    assert (str(found[1].credits) if found else None) == accepted
    if found:
        assert found[1].grade == "A"  # as typed in a spreadsheet, upper-cased


def course(credits: str, grade: str) -> Course:
    return Course("2008前期", "X", "科目", "Course", Decimal(credits), grade)


def test_credits_and_gpa_are_computed_from_the_courses() -> None:
    data = AcademicRecordData(record(), (course("2", "秀"), course("2", "不可"), course("1", "認定"),
                                         course("1.5", "良"), course("1", "可")))
    assert data.total_credits == Decimal("5.5")  # 不可 earns nothing; 認定 earns without points
    assert data.gpa == Decimal("1.85")  # (4×2 + 0×2 + 2×1.5 + 1×1) / 6.5 = 1.846…, half up
    assert AcademicRecordData(record(), (course("1", "認定"),)).gpa is None
    assert AcademicRecordData(record(), ()).digest() != data.digest()
    assert AcademicRecordData(record(), ()).digest() == AcademicRecordData(record(), ()).digest()
