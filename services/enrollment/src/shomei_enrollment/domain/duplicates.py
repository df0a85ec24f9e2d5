"""Possible duplicate applications: the same person applying twice (a second registration with the
same address, or a new address with the same name and birth date), for staff to compare before
approving a second account."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from shomei_enrollment.domain.text import kana_key

# Decided applications stay comparable this long: a person rejected or returned last term who
# registers again under a new address is what staff want to see next to the new application.
DUPLICATE_LOOKBACK = timedelta(days=90)


class DuplicateReason(StrEnum):
    SAME_EMAIL = "same_email"
    SAME_NAME_AND_BIRTH_DATE = "same_name_and_birth_date"


@dataclass(frozen=True)
class ApplicantKey:
    application_id: str
    email: str
    name_kanji: str
    name_katakana: str
    date_of_birth: str


@dataclass(frozen=True)
class PossibleDuplicate:
    application_id: str
    reasons: tuple[DuplicateReason, ...]


def _email_key(email: str) -> str:
    return email.strip().casefold()


def _kanji_key(name: str) -> str:
    # NFKC folds full-width letters; spaces of either width are how people differ in typing a name.
    return "".join(unicodedata.normalize("NFKC", name).split())


def possible_duplicates(applicants: Iterable[ApplicantKey]) -> dict[str, list[PossibleDuplicate]]:
    """For each application, the others that may be the same person, with why (kanji or kana
    name, either, with the same birth date; or the same e-mail address ignoring case)."""
    everyone = list(applicants)
    by_key: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for a in everyone:
        if _email_key(a.email):
            by_key[("email", _email_key(a.email))].add(a.application_id)
        if a.date_of_birth:
            if a.name_kanji:
                by_key[("kanji", _kanji_key(a.name_kanji), a.date_of_birth)].add(a.application_id)
            if a.name_katakana:
                by_key[("kana", kana_key(a.name_katakana), a.date_of_birth)].add(a.application_id)
    found: dict[str, dict[str, set[DuplicateReason]]] = defaultdict(lambda: defaultdict(set))
    for key, ids in by_key.items():
        if len(ids) < 2:
            continue
        reason = DuplicateReason.SAME_EMAIL if key[0] == "email" else DuplicateReason.SAME_NAME_AND_BIRTH_DATE
        for one in ids:
            for other in ids - {one}:
                found[one][other].add(reason)
    return {one: [PossibleDuplicate(other, tuple(sorted(reasons))) for other, reasons in sorted(others.items())]
            for one, others in found.items()}
