"""Revision 0006 moves the programme from the names into the faculties' data, keeping every answer
the names gave before it."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import create_engine, text

from shomei_enrollment.entrypoints.migrate import MIGRATIONS
from shomei_shared.db import migrate

UNIVERSITIES = [("u", "証明大学"), ("g", "証明大学大学院")]
FACULTIES = [("u", "lit", "文学部"), ("u", "law", "法学研究科"), ("u", "school", "医学部附属大学院"),
             ("g", "eng", "工学専攻群")]


def test_the_backfill_keeps_what_the_names_said(new_database: Callable[[str], str]) -> None:
    url = new_database("enrollment_programme")
    migrate(url, MIGRATIONS, "0005")
    engine = create_engine(url)
    with engine.begin() as conn:
        for code, name in UNIVERSITIES:
            conn.execute(text("INSERT INTO universities VALUES ('t', :c, :n, :n)"), {"c": code, "n": name})
        for university, code, name in FACULTIES:
            conn.execute(text("INSERT INTO faculties (tenant_id, university_code, code, name_ja, name_en) "
                              "VALUES ('t', :u, :c, :n, :n)"), {"u": university, "c": code, "n": name})
    migrate(url, MIGRATIONS)
    with engine.connect() as conn:
        found = dict(conn.execute(text("SELECT university_code || '/' || code, programme FROM faculties")).all())
    engine.dispose()
    assert found == {"u/lit": "undergraduate", "u/law": "graduate", "u/school": "graduate", "g/eng": "graduate"}
