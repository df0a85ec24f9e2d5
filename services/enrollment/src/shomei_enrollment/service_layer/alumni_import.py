"""Importing alumni records (学籍) from a staff CSV: UTF-8 (with or without BOM) or Shift_JIS,
checked row by row; valid rows are upserted by (tenant, student number), so importing the same
file again changes nothing and creates no duplicates."""

from __future__ import annotations

from dataclasses import dataclass, field

from shomei_enrollment.domain.alumni import COLUMNS, AlumniImport, AlumniRecord, parse_alumni_row
from shomei_enrollment.domain.review_due import TOKYO
from shomei_enrollment.service_layer.commands import ImportAlumniRecords
from shomei_enrollment.service_layer.csv_files import RowProblem, read_csv
from shomei_enrollment.service_layer.ports import Dependencies, EnrollmentUnitOfWork
from shomei_shared.errors import Violations


@dataclass
class ImportReport:
    encoding: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def rejected_rows(self) -> int:
        return len({p.row for p in self.problems})


def import_alumni_records(command: ImportAlumniRecords, uow: EnrollmentUnitOfWork,
                          deps: Dependencies) -> ImportReport:
    file = read_csv(command.content, COLUMNS)
    report = ImportReport(file.encoding)
    today = deps.clock.now().astimezone(TOKYO).date()
    with uow:
        catalogue = uow.catalogues.catalogue(command.tenant_id)
        valid: dict[str, AlumniRecord] = {}
        for number, row in file.rows:
            problems = Violations()
            record = parse_alumni_row(row, catalogue, today, problems)
            if record is not None and record.student_number in valid:
                problems.add("student_number_repeated", "student_number")
            report.problems.extend(RowProblem(number, violation) for violation in problems.found)
            if record is not None and not problems.found:
                valid[record.student_number] = record
        report.created, report.updated = uow.alumni.upsert(command.tenant_id, list(valid.values()))
        report.unchanged = len(valid) - report.created - report.updated
        run = AlumniImport(deps.new_id(), command.tenant_id)
        run.finish(report.created, report.updated, report.unchanged, report.rejected_rows)
        uow.add(run)
        uow.commit()
    return report
