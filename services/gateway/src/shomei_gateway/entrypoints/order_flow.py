"""The order's steps as the signed flow cookie remembers them (ADR 0012): only choices and ids.

The student number is remembered by its position in the graduate's list, never by its value: the
cookie is signed, not encrypted, and a student number is personal data. Each step reads the
profile again, so what the screens show always comes from enrollment.

`key` is the confirmation page's idempotency key. It is made when the confirmation is first
shown and kept while the choices stay the same, so a reloaded confirmation and a double-clicked
申請 send one key (ordering answers one order for it); any change of a choice drops it, so a
confirmation page left open in another tab no longer matches and is shown again, not placed."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from flask import session
from flask_babel import gettext as _

from shomei_gateway.service_layer.ordering import MAX_COPIES, OrderCatalogue

FLOW = "order_flow"
PLACED = "order_placed"  # [key, order id] of the last 申請 accepted, for a repeated one
STEPS = ("number", "channel", "lines", "method")


@dataclass
class Flow:
    number: int | None = None  # position in the profile's enrollments
    channel: str | None = None
    lines: list[tuple[str, int]] | None = None
    method: str | None = None
    key: str | None = None

    @classmethod
    def load(cls) -> Flow:
        raw: dict[str, Any] = session.get(FLOW) or {}
        lines = raw.get("lines")
        return cls(raw.get("number"), raw.get("channel"),
                   [(str(code), int(copies)) for code, copies in lines] if lines is not None else None,
                   raw.get("method"), raw.get("key"))

    def save(self) -> None:
        session[FLOW] = {"number": self.number, "channel": self.channel, "lines": self.lines,
                         "method": self.method, "key": self.key}

    def choose(self, **choices: Any) -> None:
        if any(getattr(self, name) != value for name, value in choices.items()):
            self.key = None
        for name, value in choices.items():
            setattr(self, name, value)
        self.save()

    def done_before(self, step: str) -> bool:
        return all(getattr(self, earlier) is not None for earlier in STEPS[:STEPS.index(step)])

    def missing(self) -> str | None:
        """The first step not yet done."""
        return next((step for step in STEPS if getattr(self, step) is None), None)

    def confirmation_key(self) -> str:
        if self.key is None:
            self.key = secrets.token_urlsafe(24)
            self.save()
        return self.key


def end(key: str, order_id: str) -> None:
    session.pop(FLOW, None)
    session[PLACED] = [key, order_id]


def placed_before(key: str) -> str | None:
    """The order an already accepted 申請 with this key placed."""
    found = session.get(PLACED)
    return str(found[1]) if key and isinstance(found, list) and found[0] == key else None


def parse_lines(form: dict[str, str], catalogue: OrderCatalogue, allowed: set[str]
                ) -> tuple[list[tuple[str, int]], dict[str, str]]:
    """The copies asked for each type (`copies_<code>`), and the mistakes at their inputs; a type
    the student number may not order (a page from before, an edited form) is refused by name."""
    lines: list[tuple[str, int]] = []
    errors: dict[str, str] = {}
    for name, raw in form.items():
        if not name.startswith("copies_"):
            continue
        code, text = name.removeprefix("copies_"), raw.strip()
        if not text:
            continue
        if code not in allowed:
            found = catalogue.type_of(code)
            errors["lines"] = _("%(name)sはお申し込みいただけません。", name=found.name_ja if found else code)
            continue
        if not text.isascii() or not text.isdigit():
            errors[name] = _("部数は半角数字で入力してください。")
        elif int(text) > MAX_COPIES:
            errors[name] = _("部数は0〜%(most)s部で入力してください。", most=MAX_COPIES)
        elif int(text) > 0:
            lines.append((code, int(text)))
    total = sum(copies for _code, copies in lines)
    if not lines and not errors:
        errors["lines"] = _("証明書を1種類以上選び、部数を入力してください。")
    elif total > MAX_COPIES:
        errors["lines"] = _("1回の申請でお申し込みいただける部数は合計%(most)s部までです（現在%(copies)s部）。",
                            most=MAX_COPIES, copies=total)
    return lines, errors
