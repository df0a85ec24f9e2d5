"""Suggesting which alumni record an application is about, for the reviewing staff.

Each field that agrees adds to the score; the student number weighs most because it is unique in
the tenant, the date of birth next, the katakana name least (names repeat and change on
marriage, so the name while enrolled is compared as well).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from shomei_enrollment.domain.text import kana_key

WEIGHTS = {"student_number": 50, "date_of_birth": 30, "name_kana": 20}


@dataclass(frozen=True)
class AlumniSummary:
    record_id: str
    student_number: str
    name_kanji: str
    name_kana: str
    date_of_birth: date


@dataclass(frozen=True)
class MatchQuery:
    student_number: str
    date_of_birth: date
    kana_names: tuple[str, ...]  # current name and, if given, the name while enrolled


@dataclass(frozen=True)
class MatchSuggestion:
    record: AlumniSummary
    score: int
    matched_fields: tuple[str, ...]


def score(query: MatchQuery, record: AlumniSummary) -> MatchSuggestion:
    matched: list[str] = []
    if query.student_number and query.student_number.upper() == record.student_number.upper():
        matched.append("student_number")
    if query.date_of_birth == record.date_of_birth:
        matched.append("date_of_birth")
    record_key = kana_key(record.name_kana)
    if record_key and any(kana_key(name) == record_key for name in query.kana_names if name):
        matched.append("name_kana")
    return MatchSuggestion(record, sum(WEIGHTS[f] for f in matched), tuple(matched))


def suggest_matches(query: MatchQuery, records: Iterable[AlumniSummary], limit: int = 5) -> list[MatchSuggestion]:
    """The best candidates first (ties by student number, for a stable order); none that match nothing."""
    scored = [s for s in (score(query, record) for record in records) if s.score > 0]
    scored.sort(key=lambda s: (-s.score, s.record.student_number))
    return scored[:limit]
