"""Demo data: `python -m shomei_enrollment.entrypoints.seed_demo` (idempotent; run it again freely).

Tenant demo-univ (証明大学 / Shomei University) with faculties and departments, term calendar and
closures for the academic years around today, and a few alumni records.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from shomei_enrollment.adapters.alumni_repository import SqlAlumniRepository
from shomei_enrollment.adapters.catalogue_repository import SqlCatalogueRepository
from shomei_enrollment.domain.alumni import AlumniRecord, parse_alumni_row
from shomei_enrollment.domain.catalogue import Catalogue, Department, Faculty, University
from shomei_enrollment.entrypoints.migrate import migrate_when_ready
from shomei_enrollment.settings import load_settings
from shomei_shared.db import make_engine
from shomei_shared.errors import Violations
from shomei_shared.logs import configure_logging

TENANT = "demo-univ"
CATALOGUE = Catalogue(TENANT, (
    University("shomei", "証明大学", "Shomei University", (
        Faculty("lit", "文学部", "Faculty of Letters", (
            Department("jpn", "日本文学科", "Department of Japanese Literature"),
            Department("hist", "史学科", "Department of History"),
        )),
        Faculty("econ", "経済学部", "Faculty of Economics", (
            Department("econ", "経済学科", "Department of Economics"),
        )),
        Faculty("eng", "工学部", "Faculty of Engineering", (
            Department("info", "情報工学科", "Department of Computer Science"),
            Department("mech", "機械工学科", "Department of Mechanical Engineering"),
        )),
    )),
    University("shomei-grad", "証明大学大学院", "Shomei University Graduate School", (
        Faculty("eng-grad", "工学研究科", "Graduate School of Engineering", (
            Department("info-grad", "情報工学専攻", "Computer Science Course"),
        )),
    )),
))
ALUMNI = [
    {"student_number": "L08001", "name_kanji": "証明 太郎", "name_kana": "ショウメイ タロウ",
     "date_of_birth": "1990-05-01", "faculty": "文学部", "department": "日本文学科",
     "graduation_year_month": "2012-03", "status": "卒業"},
    {"student_number": "E10042", "name_kanji": "山田 花子", "name_kana": "ヤマダ ハナコ",
     "date_of_birth": "1992-11-23", "faculty": "工学部", "department": "情報工学科",
     "graduation_year_month": "2014-03", "status": "卒業"},
    {"student_number": "G14007", "name_kanji": "山田 花子", "name_kana": "ヤマダ ハナコ",
     "date_of_birth": "1992-11-23", "faculty": "工学研究科", "department": "情報工学専攻",
     "graduation_year_month": "2016-03", "status": "卒業"},
    {"student_number": "C11003", "name_kanji": "鈴木 一郎", "name_kana": "スズキ イチロウ",
     "date_of_birth": "1993-02-14", "faculty": "経済学部", "department": "経済学科",
     "graduation_year_month": "", "status": "退学"},
]


def calendar_periods(around: date) -> list[tuple[str, date, date, str]]:
    """Spring and autumn terms and closures for the academic years before, of and after `around`."""
    periods = []
    for year in range(around.year - 1, around.year + 2):
        periods += [
            ("term", date(year, 4, 1), date(year, 7, 31), f"{year}年度 前期"),
            ("term", date(year, 9, 21), date(year + 1, 1, 31), f"{year}年度 後期"),
            ("closure", date(year, 8, 10), date(year, 8, 16), "夏季休業"),
            ("closure", date(year, 12, 29), date(year + 1, 1, 3), "年末年始休業"),
        ]
    return periods


def alumni_records(today: date) -> list[AlumniRecord]:
    problems = Violations()
    records = [parse_alumni_row(row, CATALOGUE, today, problems) for row in ALUMNI]
    problems.raise_if_any()
    return [r for r in records if r is not None]


def main() -> None:
    settings = load_settings()
    configure_logging("enrollment-seed", settings.log_level)
    migrate_when_ready(settings.database_url)
    engine = make_engine(settings.database_url, pool_size=1)
    today = datetime.now(UTC).date()
    with engine.begin() as conn:
        catalogues = SqlCatalogueRepository(conn)
        catalogues.save_catalogue(CATALOGUE)
        for kind, first, last, label in calendar_periods(today):
            catalogues.add_calendar_period(TENANT, kind, first, last, label)
        SqlAlumniRepository(conn).upsert(TENANT, alumni_records(today))
    engine.dispose()


if __name__ == "__main__":
    main()
