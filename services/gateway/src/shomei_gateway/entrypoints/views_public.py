"""Pages anyone may read: the directory of universities at the bare root, a university's top
page and the operating manual."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import Blueprint, render_template, request

from shomei_gateway.entrypoints.i18n import request_language
from shomei_gateway.entrypoints.views_common import tenant_profile, tenants
from shomei_shared.web.tenancy import request_tenant
from shomei_shared.web.tenant_profiles import TenantProfile

public = Blueprint("public", __name__)


def same_for_everyone(view: Callable[[], str]) -> Callable[[], str]:
    """Render once per university profile, language and address form: these pages carry no user
    data, form or token, so rendering the template (and its translations) again for every visitor
    would only cost time. A changed profile is a new key, so its new look shows at once; the
    script root is part of the key because a university reached by a mapped host name has links
    without the /<tenant> prefix that its path-prefixed pages carry."""
    rendered: dict[tuple[TenantProfile | None, str, str], str] = {}

    @wraps(view)
    def cached() -> str:
        key = (tenant_profile(), request_language(), request.script_root)
        if key not in rendered:
            if len(rendered) > 256:
                rendered.clear()
            rendered[key] = view()
        return rendered[key]

    return cached


@public.get("/")
def index() -> str:
    if request_tenant() is None:
        return directory()
    return university_top()


def directory() -> str:
    """No university in the address: list them, each linked to its own site."""
    base = request.script_root
    return render_template("directory.html", universities=[(p, f"{base}/{p.tenant_id}/") for p in tenants().all()])


@same_for_everyone
def university_top() -> str:
    return render_template("index.html")


@public.get("/manual")
@same_for_everyone
def manual() -> str:
    return render_template("manual.html")
