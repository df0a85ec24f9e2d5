"""How a checked value reads on the confirmation and profile screens: a choice by its label, the
department by its faculty and name, a date as the user's language writes it (1990年4月1日,
1 April 1990); the stored value itself travels unchanged in the form."""

from __future__ import annotations

import re
from datetime import date

from babel.dates import format_date, format_skeleton
from flask_babel import get_locale

from shomei_gateway.entrypoints.applicant_fields import Field
from shomei_gateway.service_layer.ports import Catalogue

NOTHING = "—"
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def shown(field: Field, value: str, catalogue: Catalogue | None = None) -> str:
    if not value and field.required:
        return NOTHING  # a required list's empty choice is its prompt, not an answer
    if field.choices:
        return next((str(label) for code, label in field.choices if code == value), value or NOTHING)
    if field.kind == "department" and catalogue is not None:
        return next((f"{group} {option.name}" for group, options in catalogue.groups for option in options
                     if option.code == value), value or NOTHING)
    if field.kind in ("date", "month"):
        return _date(value, field.kind) or value or NOTHING
    return value or NOTHING


def _date(value: str, kind: str) -> str:
    locale = str(get_locale() or "ja")
    try:
        if kind == "date" and (match := _ISO_DATE.match(value)):
            return format_date(date(*map(int, match.groups())), "long", locale=locale)
        if kind == "month" and (match := _ISO_MONTH.match(value)):
            return format_skeleton("yMMMM", date(int(match.group(1)), int(match.group(2)), 1), locale=locale)
    except ValueError:
        pass
    return ""
