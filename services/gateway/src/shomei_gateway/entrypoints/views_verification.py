"""The public check of a certificate (ADR 0036): `/verify` (a form) and `/verify/<code>` (what the
certificate's QR code opens), no login. A mistyped or unknown code is answered at the field; a
revoked certificate says so with the reason; the issued page is shown to compare with the paper.
Both are rate-limited per address (web.VERIFY_LIMIT). The graduate's own list of who checked
their certificates is `/certificates` (login required)."""

from __future__ import annotations

import base64
from datetime import date
from typing import cast

from babel import Locale
from babel.dates import format_date
from flask import Blueprint, current_app, render_template, request
from flask_babel import lazy_gettext as _l

from shomei_gateway.entrypoints.auth import login_required, signed_in
from shomei_gateway.entrypoints.forms import CodeForm
from shomei_gateway.entrypoints.views_common import locale, show_errors, tenant, tenant_profile
from shomei_gateway.service_layer.ports import UpstreamError
from shomei_gateway.service_layer.verification import Verification, VerificationApi

verify = Blueprint("verify", __name__)
COUNTRY_HEADER = "SHOMEI_COUNTRY_HEADER"  # app.config: the header the proxy in front sets (CF-IPCountry)


def verification() -> VerificationApi:
    return cast(VerificationApi, current_app.extensions["shomei.verification"])


def _country() -> str | None:
    """The country the edge proxy worked out from the address; the address itself is never sent on."""
    header = current_app.config.get(COUNTRY_HEADER) or ""
    return request.headers.get(header) if header else None


def _page(form: CodeForm, found: Verification | None = None, status: int = 200) -> tuple[str, int]:
    profile = tenant_profile()
    image = base64.b64encode(found.preview_png).decode() if found is not None and found.preview_png else None
    return render_template("verify.html", form=form, found=found, image=image, day=day,
                           university=profile.name(locale()) if profile else tenant()), status


def _look_up(typed: str) -> tuple[str, int]:
    form = CodeForm(formdata=None, code=typed)
    try:
        found = verification().verify(tenant(), typed, _country())
    except UpstreamError as error:
        if error.status in (400, 404):
            show_errors(form, error)
            return _page(form, status=error.status)
        # print-gateway is down or refused us: the visitor is told to come back, not shown a crash.
        form.form_errors.append(str(_l("ただいま確認できません。しばらくしてからもう一度お試しください。")))
        return _page(form, status=503)
    return _page(form, found)


@verify.get("/verify")
def form() -> tuple[str, int]:
    form = CodeForm(request.args)
    if "code" not in request.args:
        return _page(CodeForm(formdata=None))
    if not form.validate():
        return _page(form, status=400)
    return _look_up(form.code.data or "")


@verify.get("/verify/<code>")
def code(code: str) -> tuple[str, int]:
    return _look_up(code[:60])


def day(value: date) -> str:
    """A date as people of the page's language write it (2026年4月1日, April 1, 2026)."""
    return format_date(value, "long", locale=locale())


def country_name(code: str | None) -> str:
    if not code:
        return str(_l("不明"))
    return str(Locale.parse(locale()).territories.get(code, code))


@verify.get("/certificates")
@login_required
def mine() -> str:
    return render_template("my_certificates.html", country_name=country_name, day=day,
                           certificates=verification().certificates(tenant(), signed_in().account_id))
