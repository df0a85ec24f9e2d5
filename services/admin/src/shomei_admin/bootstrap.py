"""Wiring: the only place that picks the real adapters (tests pass fakes to create_app)."""

from __future__ import annotations

from shomei_admin.adapters.http import HttpReviews, HttpStaffIdentity
from shomei_admin.settings import AdminSettings
from shomei_shared.web.client import InternalClient


def http_clients(settings: AdminSettings) -> tuple[HttpStaffIdentity, HttpReviews]:
    identity = InternalClient(settings.identity_url, settings.internal_token)
    enrollment = InternalClient(settings.enrollment_url, settings.internal_token)
    return HttpStaffIdentity(identity, settings.default_tenant), HttpReviews(enrollment)
