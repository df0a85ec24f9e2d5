"""Which programme a student number is of (ordering's rule 22), from how the catalogue names it."""

from __future__ import annotations

from shomei_enrollment.domain.catalogue import Catalogue, Department, Faculty, University

CATALOGUE = Catalogue("demo-univ", (
    University("shomei", "証明大学", "Shomei University", (
        Faculty("eng", "工学部", "Faculty of Engineering", (Department("info", "情報工学科", "CS"),)),
        Faculty("law-grad", "法学研究科", "Graduate School of Law", (Department("law", "法学専攻", "Law"),)),
    )),
    University("shomei-grad", "証明大学大学院", "Shomei University Graduate School", (
        Faculty("eng-grad", "工学専攻群", "Engineering", (Department("info-grad", "情報工学専攻", "CS"),)),
    )),
))


def test_a_graduate_school_is_known_by_its_university_or_its_faculty() -> None:
    assert CATALOGUE.programme_of("shomei", "eng") == "undergraduate"
    assert CATALOGUE.programme_of("shomei", "law-grad") == "graduate"  # a 研究科 inside the university
    assert CATALOGUE.programme_of("shomei-grad", "eng-grad") == "graduate"  # a university named 大学院


def test_an_unknown_university_or_faculty_is_undergraduate() -> None:
    assert CATALOGUE.programme_of("gone", "eng") == "undergraduate"
    assert CATALOGUE.programme_of("shomei", "gone") == "undergraduate"
