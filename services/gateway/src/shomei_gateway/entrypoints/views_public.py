"""Pages anyone may read: the top page and the operating manual."""

from __future__ import annotations

from flask import Blueprint, render_template

public = Blueprint("public", __name__)


@public.get("/")
def index() -> str:
    return render_template("index.html")


@public.get("/manual")
def manual() -> str:
    return render_template("manual.html")
