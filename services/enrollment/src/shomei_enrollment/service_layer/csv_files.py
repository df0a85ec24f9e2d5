"""Staff CSV files, as the alumni and academic-record imports read them: UTF-8 (with or without
BOM) or Shift_JIS, a header row naming the columns, and problems reported by file, row and column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from shomei_shared.errors import InvalidInput, Violation

MAX_ROWS = 50_000
Row = Mapping[str, str | None]


@dataclass(frozen=True)
class RowProblem:
    row: int  # the line number in the file, the header being line 1
    violation: Violation  # its field is the column
    file: str = "file"  # the upload's field, for an import of several files


@dataclass(frozen=True)
class CsvFile:
    encoding: str
    rows: Iterator[tuple[int, Row]]  # (line number, row by column name)


def decode_csv(content: bytes, field: str = "file") -> tuple[str, str]:
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
        raise InvalidInput.one("csv_encoding_unknown", field) from None


def read_csv(content: bytes, columns: Sequence[str], field: str = "file") -> CsvFile:
    """The file's rows, once its encoding and header are known good (InvalidInput at `field`
    otherwise); more than MAX_ROWS rows raise while reading."""
    text, encoding = decode_csv(content, field)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [column for column in columns if column not in header]
    if missing:
        raise InvalidInput.one("csv_columns_missing", field, columns=", ".join(missing))
    reader.fieldnames = header

    def rows() -> Iterator[tuple[int, Row]]:
        for number, row in enumerate(reader, start=2):
            if number - 1 > MAX_ROWS:
                raise InvalidInput.one("csv_too_many_rows", field, max=MAX_ROWS)
            yield number, row

    return CsvFile(encoding, rows())
