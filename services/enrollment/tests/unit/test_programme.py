"""Which programme a student number is of (ordering's rule 22): what its faculty carries as data,
whatever the names say."""

from __future__ import annotations

from shomei_enrollment.domain.catalogue import GRADUATE, Catalogue, Department, Faculty, University

CATALOGUE = Catalogue("demo-univ", (
    University("shomei", "証明大学", "Shomei University", (
        Faculty("eng", "工学部", "Faculty of Engineering", (Department("info", "情報工学科", "CS"),)),
        Faculty("law-grad", "法学研究科", "Graduate School of Law", (Department("law", "法学専攻", "Law"),), GRADUATE),
        # Named like a graduate school, but the registrar says it is not one.
        Faculty("extension", "公開講座研究科", "Extension Courses", (Department("ext", "公開講座", "Ext"),)),
    )),
    University("shomei-grad", "証明大学大学院", "Shomei University Graduate School", (
        Faculty("eng-grad", "工学専攻群", "Engineering", (Department("info-grad", "情報工学専攻", "CS"),), GRADUATE),
    )),
))


def test_the_programme_is_what_the_faculty_carries() -> None:
    assert CATALOGUE.programme_of("shomei", "eng") == "undergraduate"
    assert CATALOGUE.programme_of("shomei", "law-grad") == "graduate"
    assert CATALOGUE.programme_of("shomei-grad", "eng-grad") == "graduate"  # its name alone says nothing


def test_names_no_longer_decide() -> None:
    assert CATALOGUE.programme_of("shomei", "extension") == "undergraduate"


def test_an_unknown_university_or_faculty_is_undergraduate() -> None:
    assert CATALOGUE.programme_of("gone", "eng") == "undergraduate"
    assert CATALOGUE.programme_of("shomei", "gone") == "undergraduate"
