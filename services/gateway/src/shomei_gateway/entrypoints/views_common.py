"""Small helpers the views share."""

from __future__ import annotations

from typing import cast

from flask import abort, current_app, render_template
from flask_babel import get_locale
from flask_wtf import FlaskForm

from shomei_gateway.service_layer.ordering import OrderingApi
from shomei_gateway.service_layer.payment import PaymentApi
from shomei_gateway.service_layer.ports import EnrollmentApi, UpstreamError
from shomei_gateway.service_layer.printing import PrintingApi
from shomei_shared.web.tenancy import request_tenant
from shomei_shared.web.tenant_profiles import TenantProfile, TenantProfiles


def enrollment() -> EnrollmentApi:
    return cast(EnrollmentApi, current_app.extensions["shomei.enrollment"])


def ordering() -> OrderingApi:
    return cast(OrderingApi, current_app.extensions["shomei.ordering"])


def payment() -> PaymentApi:
    return cast(PaymentApi, current_app.extensions["shomei.payment"])


def printing() -> PrintingApi:
    return cast(PrintingApi, current_app.extensions["shomei.printing"])


def tenants() -> TenantProfiles:
    return cast(TenantProfiles, current_app.extensions["shomei.tenants"])


def tenant() -> str:
    """The university of the request's address (install_tenancy has refused unknown ones)."""
    found = request_tenant()
    if found is None:
        abort(404)
    return found


def tenant_profile() -> TenantProfile | None:
    found = request_tenant()
    return tenants().get(found) if found else None


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
