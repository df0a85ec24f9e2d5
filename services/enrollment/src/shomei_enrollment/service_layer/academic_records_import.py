"""Importing academic records from a registrar's two CSV files, read as the alumni import reads
its file (csv_files). Every problem is reported at its file, row and column; a student number
with any problem, in its record row or in one of its courses, is not written at all, so no
record is ever half-written. A valid record replaces the stored one whole, as its next version;
the same data imported again is no new version."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from shomei_enrollment.domain.academic_record import (
    COURSE_COLUMNS,
    MAX_COURSES,
    RECORD_COLUMNS,
    AcademicRecordData,
    AcademicRecordHistory,
    AcademicRecordsImport,
    Course,
    RecordRow,
    Standing,
    check_standing,
    parse_course_row,
    parse_record_row,
    student_number_of,
)
from shomei_enrollment.domain.applicant import EnrollmentStatus
from shomei_enrollment.domain.review_due import TOKYO
from shomei_enrollment.service_layer.commands import ImportAcademicRecords
from shomei_enrollment.service_layer.csv_files import Row, RowProblem, read_csv
from shomei_enrollment.service_layer.ports import Dependencies, EnrollmentUnitOfWork
from shomei_shared.errors import Violations

RECORDS, COURSES = "records", "courses"  # the uploads' fields, named in every problem


@dataclass
class RecordsImportReport:
    encodings: dict[str, str]
    created: int = 0
    replaced: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    rejected: set[str] = field(default_factory=set)  # student numbers not written

    @property
    def rejected_student_numbers(self) -> int:
        return len(self.rejected)

    def refuse(self, file: str, row: int, problems: Violations, student_number: str) -> None:
        self.problems.extend(RowProblem(row, violation, file) for violation in problems.found)
        self.rejected.add(student_number or f"{file}:{row}")


def import_academic_records(command: ImportAcademicRecords, uow: EnrollmentUnitOfWork,
                            deps: Dependencies) -> RecordsImportReport:
    records_file = read_csv(command.records, RECORD_COLUMNS, RECORDS)
    courses_file = read_csv(command.courses, COURSE_COLUMNS, COURSES)
    report = RecordsImportReport({RECORDS: records_file.encoding, COURSES: courses_file.encoding})
    records = _records(records_file.rows, deps.clock.now().astimezone(TOKYO).date(), report)
    courses = _courses(courses_file.rows, records, report)
    with uow:
        _check_standing(command.tenant_id, records, courses, uow, report)
        valid = {number: AcademicRecordData(record, tuple(courses.get(number, ())))
                 for number, (_, record) in records.items() if number not in report.rejected}
        stored = uow.academic_records.current(command.tenant_id, list(valid))
        import_id = deps.new_id()
        for number, data in valid.items():
            digest, before = data.digest(), stored.get(number)
            if before is not None and before.digest == digest:
                report.unchanged += 1
                continue
            history = AcademicRecordHistory(before.id if before else deps.new_id(), command.tenant_id)
            history.version = before.version if before else 0
            history.replace(import_id, command.staff_id, len(data.courses))
            uow.academic_records.save(command.tenant_id, history.id, history.version, data, digest)
            uow.add(history)
            report.created, report.replaced = (report.created + (before is None),
                                               report.replaced + (before is not None))
        run = AcademicRecordsImport(import_id, command.tenant_id)
        run.finish(report.created, report.replaced, report.unchanged, report.rejected_student_numbers)
        uow.add(run)
        uow.commit()
    return report


def _records(rows: Iterator[tuple[int, Row]], today: date, report: RecordsImportReport,
             ) -> dict[str, tuple[int, RecordRow]]:
    found: dict[str, tuple[int, RecordRow]] = {}
    for number, row in rows:
        problems = Violations()
        record = parse_record_row(row, today, problems)
        if record is not None and record.student_number in found:
            problems.add("student_number_repeated", "student_number")
        if problems.found:
            report.refuse(RECORDS, number, problems, _number(row))
        elif record is not None:
            found[record.student_number] = (number, record)
    return found


def _courses(rows: Iterator[tuple[int, Row]], records: dict[str, tuple[int, RecordRow]], report: RecordsImportReport,
             ) -> dict[str, list[Course]]:
    found: dict[str, list[Course]] = {}
    for number, row in rows:
        problems = Violations()
        course = parse_course_row(row, problems)
        student_number = _number(row)
        if student_number and student_number not in records and student_number not in report.rejected:
            problems.add("course_without_record", "student_number")
        if problems.found:
            report.refuse(COURSES, number, problems, student_number)
        elif course is not None:
            found.setdefault(course[0], []).append(course[1])
    return found


def _check_standing(tenant_id: str, records: dict[str, tuple[int, RecordRow]], courses: dict[str, list[Course]],
                    uow: EnrollmentUnitOfWork, report: RecordsImportReport) -> None:
    """Each record against its alumni record (学籍): it must exist, and agree with its status and
    its faculty's programme."""
    alumni = uow.alumni.by_numbers(tenant_id, list(records))
    catalogue = uow.catalogues.catalogue(tenant_id)
    for student_number, (row, record) in records.items():
        problems = Violations()
        found = alumni.get(student_number)
        if found is None:
            problems.add("student_number_not_in_alumni", "student_number")
        else:
            programme = catalogue.programme_of(found["university_code"], found["faculty_code"])
            check_standing(record, Standing(EnrollmentStatus(found["status"]), programme), problems)
        if len(courses.get(student_number, ())) > MAX_COURSES:
            problems.add("too_many_courses", "student_number", max=MAX_COURSES)
        if problems.found:
            report.refuse(RECORDS, row, problems, student_number)


def _number(row: Row) -> str:
    return student_number_of(row, Violations())
