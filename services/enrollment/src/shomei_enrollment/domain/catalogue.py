"""A tenant's universities, faculties and departments, as applicants choose them from lists."""

from __future__ import annotations

from dataclasses import dataclass, field

UNDERGRADUATE, GRADUATE = "undergraduate", "graduate"
PROGRAMMES = (UNDERGRADUATE, GRADUATE)
# How a certificate names the programme (print-gateway's AcademicRecord.programme).
PROGRAMME_NAMES_JA = {UNDERGRADUATE: "学部", GRADUATE: "大学院"}


@dataclass(frozen=True)
class Department:
    code: str
    name_ja: str
    name_en: str


@dataclass(frozen=True)
class Faculty:
    code: str
    name_ja: str
    name_en: str
    departments: tuple[Department, ...] = ()
    programme: str = UNDERGRADUATE  # one of PROGRAMMES: the registrar's fact, not read from the name


@dataclass(frozen=True)
class University:
    code: str
    name_ja: str
    name_en: str
    faculties: tuple[Faculty, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    tenant_id: str
    universities: tuple[University, ...] = field(default_factory=tuple)

    def faculty(self, university_code: str, faculty_code: str) -> Faculty | None:
        for university in self.universities:
            if university.code == university_code:
                return next((f for f in university.faculties if f.code == faculty_code), None)
        return None

    def has_university(self, university_code: str) -> bool:
        return any(u.code == university_code for u in self.universities)

    def has_department(self, university_code: str, faculty_code: str, department_code: str) -> bool:
        faculty = self.faculty(university_code, faculty_code)
        return faculty is not None and any(d.code == department_code for d in faculty.departments)

    def programme_of(self, university_code: str, faculty_code: str) -> str:
        """The programme the faculty carries ("graduate" or "undergraduate"; ordering's rule 22
        needs it). A faculty that is not in the catalogue answers "undergraduate"."""
        faculty = self.faculty(university_code, faculty_code)
        return faculty.programme if faculty is not None else UNDERGRADUATE

    def find_faculty_by_name(self, name: str) -> tuple[str, Faculty] | None:
        """(university code, faculty) by code or Japanese name; alumni files use either."""
        for university in self.universities:
            for faculty in university.faculties:
                if name in (faculty.code, faculty.name_ja):
                    return university.code, faculty
        return None
