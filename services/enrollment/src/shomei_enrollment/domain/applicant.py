"""The applicant's data (§2.1 step 9–12), checked as a whole so every problem is reported at once."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from shomei_enrollment.domain.catalogue import Catalogue
from shomei_enrollment.domain.contact import Address, Workplace, parse_address, parse_phone, parse_workplace
from shomei_enrollment.domain.names import PersonName, parse_person_name
from shomei_enrollment.domain.text import clean, half_width_digits
from shomei_shared.errors import Violations

EARLIEST_BIRTH = date(1900, 1, 1)
MINIMUM_AGE_YEARS = 15  # nobody enters or graduates younger; an earlier date is almost surely a typo
# What people type for a date in Japan: 1995-04-01, 1995/4/1, 1995.4.1, 1995年4月1日 (full-width
# digits are folded before). The Western year comes first; Japanese era years are not guessed.
# The units are escaped (年 \u5e74, 月 \u6708, 日 \u65e5): the domain's literals hold no Japanese.
_DATE = re.compile("^(\\d{4})\\s*[-/.\u5e74]\\s*(\\d{1,2})\\s*[-/.\u6708]\\s*(\\d{1,2})\\s*\u65e5?$")
_YEAR_MONTH = re.compile("^(\\d{4})\\s*[-/.\u5e74]\\s*(\\d{1,2})\\s*\u6708?$")
MAX_STUDENT_NUMBER_LENGTH = 20
_STUDENT_NUMBER = re.compile(f"^[0-9A-Za-z-]{{1,{MAX_STUDENT_NUMBER_LENGTH}}}$")


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"
    UNSPECIFIED = "unspecified"


class EnrollmentStatus(StrEnum):
    GRADUATED = "graduated"
    WITHDREW = "withdrew"
    EXPELLED = "expelled"


STATUS_LABELS_JA = {EnrollmentStatus.GRADUATED: "卒業", EnrollmentStatus.WITHDREW: "退学",
                    EnrollmentStatus.EXPELLED: "除籍"}


@dataclass(frozen=True)
class Enrollment:
    university: str
    faculty: str
    department: str
    student_number: str
    graduation_year_month: str
    status: EnrollmentStatus
    admission_year_month: str = ""  # optional, as graduation is: "" when not given


@dataclass(frozen=True)
class ApplicantData:
    name: PersonName
    date_of_birth: date
    sex: Sex | None
    name_while_enrolled: PersonName | None
    enrollment: Enrollment
    address: Address
    home_phone: str
    mobile_phone: str
    workplace: Workplace | None


def parse_applicant(raw: Mapping[str, Any], catalogue: Catalogue, today: date, *,
                    check_dates_together: bool = True) -> ApplicantData:
    """The applicant's data normalised; raises InvalidInput naming every field that is wrong.

    `check_dates_together=False` leaves out the cross-checks of birth, admission and graduation:
    for a personal-data change, which cannot touch those dates, so records approved before the
    checks existed never block a change of address."""
    problems = Violations()
    name = parse_person_name(raw.get("name"), "name", problems, required=True)
    birth = parse_date_of_birth(raw.get("date_of_birth"), "date_of_birth", today, problems)
    sex = _sex(clean(raw.get("sex")), problems)
    enrolled_name = parse_person_name(raw.get("name_while_enrolled"), "name_while_enrolled", problems,
                                      required=False)
    enrollment = parse_enrollment(raw.get("enrollment") or {}, "enrollment", catalogue, today, problems)
    if birth and enrollment and check_dates_together:
        check_enrollment_dates(birth, enrollment, "enrollment", problems)
    address = parse_address(raw.get("address"), "address", problems)
    home, mobile = clean(raw.get("home_phone")), clean(raw.get("mobile_phone"))
    if not home and not mobile:
        problems.add("phone_required", "mobile_phone")
    home = parse_phone(home, "home_phone", problems) if home else ""
    mobile = parse_phone(mobile, "mobile_phone", problems, mobile=True) if mobile else ""
    workplace = parse_workplace(raw.get("workplace"), "workplace", problems)
    problems.raise_if_any()
    assert name and birth and enrollment and address  # every None above recorded a problem
    return ApplicantData(name, birth, sex, enrolled_name, enrollment, address, home, mobile, workplace)


def parse_date_of_birth(raw: object, field: str, today: date, problems: Violations) -> date | None:
    value = half_width_digits(clean(raw))
    if not value:
        problems.required(field)
        return None
    born = parse_date(value)
    if born is None:
        problems.add("date_format", field)
        return None
    if born > today:
        problems.add("date_in_future", field)
    elif born < EARLIEST_BIRTH or born > _years_before(today, MINIMUM_AGE_YEARS):
        problems.add("date_of_birth_implausible", field)
    else:
        return born
    return None


def parse_date(value: str) -> date | None:
    """A real date from the forms of _DATE (digits already half-width), else None."""
    match = _DATE.match(value)
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:  # 30 February and the like
        return None


def check_enrollment_dates(born: date, enrollment: Enrollment, path: str, problems: Violations) -> None:
    """A registrar's cross-checks: admission and graduation come after birth, not before the age
    anyone enters or graduates, and graduation after admission (a swapped or mistyped year shows
    up here, at its field, not in the review)."""
    birth = (born.year, born.month)
    of_age = (born.year + MINIMUM_AGE_YEARS, born.month)
    admission = _months(enrollment.admission_year_month)
    graduation = _months(enrollment.graduation_year_month)
    if admission is not None:
        if admission <= birth:
            problems.add("admission_before_birth", f"{path}.admission_year_month")
        elif admission < of_age:
            problems.add("admission_too_young", f"{path}.admission_year_month", min_age=MINIMUM_AGE_YEARS)
    if graduation is not None:
        if graduation <= birth:
            problems.add("graduation_before_birth", f"{path}.graduation_year_month")
        elif graduation < of_age:
            problems.add("graduation_too_young", f"{path}.graduation_year_month", min_age=MINIMUM_AGE_YEARS)
        elif admission is not None and graduation <= admission:
            problems.add("graduation_before_admission", f"{path}.graduation_year_month")


def _months(year_month: str) -> tuple[int, int] | None:
    """(year, month) of a checked YYYY-MM, None when not given."""
    if not year_month:
        return None
    year, month = year_month.split("-")
    return int(year), int(month)


def parse_enrollment(raw: Mapping[str, Any], path: str, catalogue: Catalogue, today: date,
                     problems: Violations) -> Enrollment | None:
    before = len(problems.found)
    university, faculty, department = (clean(raw.get(k)) for k in ("university", "faculty", "department"))
    # Nothing chosen is "required", not "not listed": the form shows one list, and its first
    # unanswered level is the one named.
    if not university:
        problems.required(f"{path}.university")
    elif not faculty:
        problems.required(f"{path}.faculty")
    elif not department:
        problems.required(f"{path}.department")
    elif not catalogue.has_university(university):
        problems.add("university_not_listed", f"{path}.university")
    elif catalogue.faculty(university, faculty) is None:
        problems.add("faculty_not_listed", f"{path}.faculty")
    elif not catalogue.has_department(university, faculty, department):
        problems.add("department_not_listed", f"{path}.department")
    student_number = half_width_digits(clean(raw.get("student_number")))
    if student_number and not _STUDENT_NUMBER.match(student_number):
        problems.add("student_number_format", f"{path}.student_number", max=MAX_STUDENT_NUMBER_LENGTH)
    admission = parse_year_month(raw.get("admission_year_month"), f"{path}.admission_year_month", today, problems)
    graduation = parse_year_month(raw.get("graduation_year_month"), f"{path}.graduation_year_month", today,
                                  problems)
    status = parse_status(clean(raw.get("status")), f"{path}.status", problems)
    if len(problems.found) > before or status is None:
        return None
    return Enrollment(university, faculty, department, student_number, graduation, status, admission)


def parse_year_month(raw: object, field: str, today: date, problems: Violations) -> str:
    """YYYY-MM (typed as 2012-03, 2012/3, 2012年3月 …), not in the future; "" when not given
    (it is optional)."""
    value = half_width_digits(clean(raw))
    if not value:
        return ""
    match = _YEAR_MONTH.match(value)
    year, month = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    if match is None or not 1 <= month <= 12 or year < EARLIEST_BIRTH.year:
        problems.add("year_month_format", field)
    elif (year, month) > (today.year, today.month):
        problems.add("year_month_in_future", field)
    else:
        return f"{year:04d}-{month:02d}"
    return ""


def parse_status(value: str, field: str, problems: Violations) -> EnrollmentStatus | None:
    for status, label in STATUS_LABELS_JA.items():
        if value in (status.value, label):
            return status
    if value:
        problems.add("status_not_listed", field)
    else:
        problems.required(field)
    return None


def _sex(value: str, problems: Violations) -> Sex | None:
    if not value:
        return None
    try:
        return Sex(value)
    except ValueError:
        problems.add("sex_not_listed", "sex")
        return None


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
