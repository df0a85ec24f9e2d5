"""A university's profile (topic enrollment.tenant): its names, look, texts, contact address and
closure periods, as every page and mail of the university shows them. Edited by its tenant
admins; each change is an event carrying the new values, so its history is kept."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from shomei_enrollment.domain.colours import MIN_CONTRAST, WHITE, contrast, is_hex_colour
from shomei_enrollment.domain.events import TenantProfileChanged
from shomei_enrollment.domain.text import clean
from shomei_shared.errors import Violations
from shomei_shared.messages import Aggregate

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_NAME = 100
MAX_TERMS = 10_000
MAX_NOTES = 2_000
MAX_CLOSURES = 40
MAX_CLOSURE_DAYS = 120
# The university as it signs certificates; empty until a tenant admin gives them.
PRESIDENT = ("president_title_ja", "president_title_en", "president_name_ja", "president_name_en")
TEXTS = {"terms_ja": MAX_TERMS, "terms_en": MAX_TERMS, "notes_ja": MAX_NOTES, "notes_en": MAX_NOTES}


@dataclass(frozen=True)
class Closure:
    first_day: date
    last_day: date
    label: str


@dataclass(frozen=True)
class ProfileData:
    name_ja: str
    name_en: str
    accent: str
    accent_ink: str
    contact_email: str
    terms_ja: str = ""
    terms_en: str = ""
    notes_ja: str = ""
    notes_en: str = ""
    closures: tuple[Closure, ...] = field(default_factory=tuple)
    president_title_ja: str = ""
    president_title_en: str = ""
    president_name_ja: str = ""
    president_name_en: str = ""

    def to_dict(self) -> dict[str, Any]:
        values = asdict(self)
        values["closures"] = [{"first_day": c.first_day.isoformat(), "last_day": c.last_day.isoformat(),
                               "label": c.label} for c in self.closures]
        return values


def parse_profile(raw: Mapping[str, Any]) -> ProfileData:
    """The profile as typed in the console, checked whole: every problem at its field."""
    problems = Violations()
    names = {key: clean(raw.get(key)) for key in ("name_ja", "name_en")}
    for key, value in names.items():
        if not value:
            problems.required(key)
    president = {key: clean(raw.get(key)) for key in PRESIDENT}
    for key, value in {**names, **president}.items():
        if len(value) > MAX_NAME:
            problems.add("too_long", key, max=MAX_NAME)
    accent, ink = _colour(raw, "accent", problems), _colour(raw, "accent_ink", problems)
    if accent and ink:
        _readable(accent, ink, problems)
    email = clean(raw.get("contact_email"))
    if not _EMAIL.match(email) or len(email) > 254:
        problems.add("contact_email_format", "contact_email")
    texts = {key: str(raw.get(key) or "").replace("\r\n", "\n").strip() for key in TEXTS}
    for key, limit in TEXTS.items():
        if len(texts[key]) > limit:
            problems.add("too_long", key, max=limit)
    closures = _closures(raw.get("closures") or [], problems)
    problems.raise_if_any()
    return ProfileData(names["name_ja"], names["name_en"], accent.lower(), ink.lower(), email, closures=closures,
                       **texts, **president)


def _colour(raw: Mapping[str, Any], key: str, problems: Violations) -> str:
    value = clean(raw.get(key))
    if not is_hex_colour(value):
        problems.add("colour_format", key)
        return ""
    return value


def _readable(accent: str, ink: str, problems: Violations) -> None:
    if contrast(accent, ink) < MIN_CONTRAST:
        problems.add("ink_contrast_too_low", "accent_ink", min=MIN_CONTRAST)
    if contrast(accent, WHITE) < MIN_CONTRAST:
        problems.add("accent_contrast_too_low", "accent", min=MIN_CONTRAST)


def _closures(raw: object, problems: Violations) -> tuple[Closure, ...]:
    if not isinstance(raw, list) or len(raw) > MAX_CLOSURES:
        problems.add("too_many_closures", "closures", max=MAX_CLOSURES)
        return ()
    found: list[Closure] = []
    for index, item in enumerate(raw):
        where = f"closures.{index}"
        try:
            first = date.fromisoformat(str(item["first_day"]))
            last = date.fromisoformat(str(item["last_day"]))
        except (KeyError, TypeError, ValueError):
            problems.add("closure_dates_format", where)
            continue
        if last < first or (last - first).days >= MAX_CLOSURE_DAYS:
            problems.add("closure_range", where, max_days=MAX_CLOSURE_DAYS)
            continue
        found.append(Closure(first, last, clean(item.get("label"))[:50]))
    return tuple(sorted(found, key=lambda c: c.first_day))


class TenantProfile(Aggregate):
    """Its state lives in the tenant_profiles table (read on every page); the events are its
    history and what other services may hear."""

    topic = "enrollment.tenant"

    @staticmethod
    def aggregate_id(tenant_id: str) -> str:
        return f"tenant-profile:{tenant_id}"

    def change(self, staff_id: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
        """Record what differs; returns the changed fields' names ([] records nothing)."""
        changes = {key: value for key, value in after.items() if before.get(key) != value}
        if changes:
            self.record(TenantProfileChanged(staff_id=staff_id, changes=changes))
        return sorted(changes)

    def apply_TenantProfileChanged(self, event: TenantProfileChanged) -> None:
        """Nothing to fold: the profile itself is kept in the tenant_profiles table."""
