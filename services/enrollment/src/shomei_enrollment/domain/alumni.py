"""Alumni records (学籍) imported by staff, one row at a time, and the import as a fact."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from shomei_enrollment.domain.applicant import (
    MAX_STUDENT_NUMBER_LENGTH,
    EnrollmentStatus,
    parse_date_of_birth,
    parse_status,
    parse_year_month,
)
from shomei_enrollment.domain.catalogue import Catalogue
from shomei_enrollment.domain.events import AlumniRecordsImported
from shomei_enrollment.domain.names import MAX_NAME_LENGTH, parse_katakana
from shomei_enrollment.domain.text import FULL_WIDTH_SPACE, clean, collapse_spaces, half_width_digits
from shomei_shared.errors import Violations
from shomei_shared.messages import Aggregate

COLUMNS = ("student_number", "name_kanji", "name_kana", "date_of_birth", "faculty", "department",
           "graduation_year_month", "status")


@dataclass(frozen=True)
class AlumniRecord:
    student_number: str
    name_kanji: str
    name_kana: str
    date_of_birth: date
    university: str
    faculty: str
    department: str
    graduation_year_month: str
    status: EnrollmentStatus


def parse_alumni_row(row: Mapping[str, str | None], catalogue: Catalogue, today: date,
                     problems: Violations) -> AlumniRecord | None:
    """One CSV row as a record, or None with its problems recorded (fields named by column)."""
    before = len(problems.found)
    student_number = half_width_digits(clean(row.get("student_number")))
    if not student_number or len(student_number) > MAX_STUDENT_NUMBER_LENGTH:
        problems.add("student_number_length", "student_number", max=MAX_STUDENT_NUMBER_LENGTH)
    name_kanji = collapse_spaces(clean(row.get("name_kanji")), FULL_WIDTH_SPACE)
    if not name_kanji or len(name_kanji) > MAX_NAME_LENGTH:
        problems.add("name_kanji_invalid", "name_kanji")
    name_kana = parse_katakana(clean(row.get("name_kana")), "name_kana", problems)
    born = parse_date_of_birth(row.get("date_of_birth"), "date_of_birth", today, problems)
    found = catalogue.find_faculty_by_name(clean(row.get("faculty")))
    department = clean(row.get("department"))
    department_code = ""
    if found is None:
        problems.add("faculty_not_in_catalogue", "faculty")
    else:
        department_code = next((d.code for d in found[1].departments if department in (d.code, d.name_ja)), "")
        if not department_code:
            problems.add("department_not_in_catalogue", "department")
    graduation = parse_year_month(row.get("graduation_year_month"), "graduation_year_month", today, problems)
    status = parse_status(clean(row.get("status")), "status", problems)
    if len(problems.found) > before or born is None or status is None or found is None:
        return None
    return AlumniRecord(student_number, name_kanji, name_kana, born, found[0], found[1].code, department_code,
                        graduation, status)


class AlumniImport(Aggregate):
    """One import run; only its counts are published."""

    topic = "enrollment.alumni"

    def finish(self, created: int, updated: int, unchanged: int, rejected: int) -> None:
        self.record(AlumniRecordsImported(created=created, updated=updated, unchanged=unchanged,
                                          rejected=rejected))

    def apply_AlumniRecordsImported(self, event: AlumniRecordsImported) -> None:
        """The counts are the whole story."""
