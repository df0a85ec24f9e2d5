"""A university's look on every page: its colours as a stylesheet (the CSP forbids inline
styles), its logo, and its profile in every template."""

from __future__ import annotations

from flask import Blueprint, Response, abort, url_for

from shomei_gateway.entrypoints.i18n import request_language
from shomei_gateway.entrypoints.views_common import tenant, tenant_profile, tenants
from shomei_shared.web.tenancy import site_root
from shomei_shared.web.tenant_profiles import TenantProfile

tenant_look = Blueprint("tenant_look", __name__)
# Short: a tenant admin's new colours or logo show within minutes; `?v=` busts it at once.
LOOK_MAX_AGE = "public, max-age=300"


def theme_css(profile: TenantProfile) -> str:
    """The profile's colours (validated #rrggbb by enrollment) as site.css's custom properties."""
    return (":root { "
            f"--accent: {profile.accent}; --accent-ink: {profile.accent_ink}; "
            "}\n")


@tenant_look.get("/theme.css")
def theme() -> Response:
    profile = tenant_profile()
    if profile is None:
        abort(404)
    response = Response(theme_css(profile), mimetype="text/css")
    response.headers["Cache-Control"] = LOOK_MAX_AGE
    return response


@tenant_look.get("/logo")
def logo() -> Response:
    found = tenants().logo(tenant())
    if found is None:
        abort(404)
    content, content_type = found
    response = Response(content, content_type=content_type)
    response.headers["Cache-Control"] = LOOK_MAX_AGE
    return response


@tenant_look.app_context_processor
def _profile() -> dict[str, object]:
    profile = tenant_profile()
    language = request_language()
    # An unknown university's 404 page links to the directory, not to its own missing top page.
    home = url_for("public.index") if profile else site_root()
    return {"tenant_profile": profile, "home_url": home,
            "university_name": profile.name(language) if profile else ""}
