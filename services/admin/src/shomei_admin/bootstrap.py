"""Wiring: the only place that picks the real adapters (tests pass fakes to create_app)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from shomei_admin.adapters.certificates_http import HttpCertificates
from shomei_admin.adapters.http import HttpReviews, HttpStaffIdentity
from shomei_admin.adapters.mails_http import HttpMails
from shomei_admin.adapters.orders_http import HttpCatalogueEditor, HttpOrders, HttpPayments
from shomei_admin.adapters.print_orders_http import HttpPrintOrders
from shomei_admin.adapters.tenant_admin_http import HttpTenantAdmin
from shomei_admin.settings import AdminSettings
from shomei_shared.web.client import InternalClient
from shomei_shared.web.tenant_profiles import HttpTenantProfiles


@dataclass(frozen=True)
class Clients:
    identity: HttpStaffIdentity
    reviews: HttpReviews
    tenant_admin: HttpTenantAdmin
    tenants: HttpTenantProfiles
    orders: HttpOrders
    payments: HttpPayments
    catalogue: HttpCatalogueEditor
    mails: HttpMails


def certificates_client(settings: AdminSettings, language: Callable[[], str] = lambda: "ja") -> HttpCertificates:
    return HttpCertificates(InternalClient(settings.print_gateway_url, settings.credential, language=language))


def print_orders_client(settings: AdminSettings, language: Callable[[], str] = lambda: "ja") -> HttpPrintOrders:
    return HttpPrintOrders(InternalClient(settings.print_gateway_url, settings.credential, language=language))


def http_clients(settings: AdminSettings, language: Callable[[], str] = lambda: "ja") -> Clients:
    # The console's own credential; calls made for a staff member carry identity's assertion,
    # which `staff.current_staff` remembers for the request (ADR 0019).
    identity = InternalClient(settings.identity_url, settings.credential)
    enrollment = InternalClient(settings.enrollment_url, settings.credential)
    # Ordering and payment word their refusals in `language`: the staff member's choice.
    ordering = InternalClient(settings.ordering_url, settings.credential, language=language)
    payment = InternalClient(settings.payment_url, settings.credential, language=language)
    notifier = InternalClient(settings.notifier_url, settings.credential, language=language)
    return Clients(HttpStaffIdentity(identity), HttpReviews(enrollment), HttpTenantAdmin(enrollment),
                   HttpTenantProfiles(enrollment, ttl_s=settings.tenant_profile_cache_s),
                   HttpOrders(ordering), HttpPayments(payment),
                   HttpCatalogueEditor(ordering), HttpMails(notifier))
