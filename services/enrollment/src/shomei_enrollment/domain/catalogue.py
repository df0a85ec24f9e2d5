"""A tenant's universities, faculties and departments, as applicants choose them from lists."""

from __future__ import annotations

from dataclasses import dataclass, field

GRADUATE_SCHOOL_NAMES = ("大学院", "研究科")


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
        """"graduate" for a graduate school's student number, else "undergraduate" (ordering's
        rule 22 needs it). The catalogue has no flag of its own for it: a graduate school is
        named as one (証明大学大学院, 工学研究科), which staff see and keep right in the editor."""
        university = next((u for u in self.universities if u.code == university_code), None)
        faculty = self.faculty(university_code, faculty_code)
        names = [found.name_ja for found in (university, faculty) if found is not None]
        return "graduate" if any(name.endswith(GRADUATE_SCHOOL_NAMES) for name in names) else "undergraduate"

    def find_faculty_by_name(self, name: str) -> tuple[str, Faculty] | None:
        """(university code, faculty) by code or Japanese name; alumni files use either."""
        for university in self.universities:
            for faculty in university.faculties:
                if name in (faculty.code, faculty.name_ja):
                    return university.code, faculty
        return None
