"""Pages anyone may read: the top page and the operating manual."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import Blueprint, render_template

from shomei_gateway.entrypoints.i18n import request_language

public = Blueprint("public", __name__)


def same_for_everyone(view: Callable[[], str]) -> Callable[[], str]:
    """Render once per language: these pages carry no user data, form or token, so rendering the
    template (and its translations) again for every visitor would only cost time."""
    rendered: dict[str, str] = {}

    @wraps(view)
    def cached() -> str:
        language = request_language()
        if language not in rendered:
            rendered[language] = view()
        return rendered[language]

    return cached


@public.get("/")
@same_for_everyone
def index() -> str:
    return render_template("index.html")


@public.get("/manual")
@same_for_everyone
def manual() -> str:
    return render_template("manual.html")
