"""Importing alumni records (学籍) from a staff CSV: UTF-8 (with or without BOM) or Shift_JIS,
checked row by row; valid rows are upserted by (tenant, student number), so importing the same
file again changes nothing and creates no duplicates."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from shomei_enrollment.domain.alumni import COLUMNS, AlumniImport, AlumniRecord, parse_alumni_row
from shomei_enrollment.domain.review_due import TOKYO
from shomei_enrollment.service_layer.commands import ImportAlumniRecords
from shomei_enrollment.service_layer.ports import Dependencies, EnrollmentUnitOfWork
from shomei_shared.errors import InvalidInput, Violation, Violations

MAX_ROWS = 50_000


@dataclass(frozen=True)
class RowProblem:
    row: int  # the line number in the file, the header being line 1
    violation: Violation  # its field is the column


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


def decode_csv(content: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 when the bytes are valid UTF-8 (BOM dropped), else Shift_JIS
    (cp932, the Windows variant Excel writes)."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8"), "utf-8-sig"
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp932"), "cp932"
    except UnicodeDecodeError:
        raise InvalidInput.one("csv_encoding_unknown", "file") from None


def import_alumni_records(command: ImportAlumniRecords, uow: EnrollmentUnitOfWork,
                          deps: Dependencies) -> ImportReport:
    text, encoding = decode_csv(command.content)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise InvalidInput.one("csv_columns_missing", "file", columns=", ".join(missing))
    reader.fieldnames = header
    report = ImportReport(encoding)
    today = deps.clock.now().astimezone(TOKYO).date()
    with uow:
        catalogue = uow.catalogues.catalogue(command.tenant_id)
        valid: dict[str, AlumniRecord] = {}
        for number, row in enumerate(reader, start=2):
            if number - 1 > MAX_ROWS:
                raise InvalidInput.one("csv_too_many_rows", "file", max=MAX_ROWS)
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
