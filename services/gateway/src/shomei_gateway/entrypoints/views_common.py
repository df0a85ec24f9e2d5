"""Small helpers the views share."""

from __future__ import annotations

from typing import cast

from flask import current_app, render_template
from flask_babel import get_locale
from flask_wtf import FlaskForm

from shomei_gateway.service_layer.ports import EnrollmentApi, UpstreamError


def enrollment() -> EnrollmentApi:
    return cast(EnrollmentApi, current_app.extensions["shomei.enrollment"])


def tenant() -> str:
    return cast(str, current_app.config["SHOMEI_TENANT"])


def locale() -> str:
    return str(get_locale() or "ja")


def show_errors(form: FlaskForm, error: UpstreamError) -> None:
    """Put each upstream reason at its field; the rest above the form."""
    for name, reason in error.errors.items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, reason]
        else:
            form.form_errors.append(reason)


def done(title: str, message: str, status: int = 200) -> tuple[str, int]:
    """A page that only tells the user what happened (sent, changed, expired …)."""
    return render_template("message.html", title=title, message=message), status
