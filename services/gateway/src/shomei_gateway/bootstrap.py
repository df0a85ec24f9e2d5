"""Wiring: the only place that picks the real adapters (tests pass fakes to create_app)."""

from __future__ import annotations

from shomei_gateway.adapters.enrollment_http import HttpEnrollment
from shomei_gateway.adapters.identity_http import HttpIdentity
from shomei_gateway.entrypoints.i18n import select_locale
from shomei_gateway.settings import GatewaySettings
from shomei_shared.web.client import InternalClient


def _language() -> str:
    try:
        return select_locale()
    except RuntimeError:  # outside a request
        return "ja"


def http_clients(settings: GatewaySettings) -> tuple[HttpIdentity, HttpEnrollment]:
    identity = InternalClient(settings.identity_url, settings.internal_token, timeout_s=settings.upstream_timeout_s,
                              language=_language)
    enrollment = InternalClient(settings.enrollment_url, settings.internal_token,
                                timeout_s=settings.upstream_timeout_s, language=_language)
    return HttpIdentity(identity), HttpEnrollment(enrollment, _language)
