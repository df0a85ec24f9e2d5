"""Wiring: the only place that picks the real adapters (tests pass fakes to create_app)."""

from __future__ import annotations

from collections.abc import Callable

from shomei_gateway.adapters.enrollment_http import HttpEnrollment
from shomei_gateway.adapters.identity_http import HttpIdentity
from shomei_gateway.adapters.ordering_http import HttpOrdering
from shomei_gateway.adapters.payment_http import HttpPayment
from shomei_gateway.adapters.printing_http import HttpPrinting
from shomei_gateway.adapters.setup_tokens import InProcessSetupTokens, RedisSetupTokens
from shomei_gateway.adapters.verification_http import HttpVerification
from shomei_gateway.service_layer.ports import SetupTokens
from shomei_gateway.settings import GatewaySettings
from shomei_shared.web.client import InternalClient
from shomei_shared.web.tenant_profiles import HttpTenantProfiles


def http_clients(settings: GatewaySettings,
                 language: Callable[[], str]) -> tuple[HttpIdentity, HttpEnrollment, HttpTenantProfiles]:
    """`language` gives the current user's language, which the services answer in."""
    identity = InternalClient(settings.identity_url, settings.credential, timeout_s=settings.upstream_timeout_s,
                              language=language)
    enrollment = InternalClient(settings.enrollment_url, settings.credential,
                                timeout_s=settings.upstream_timeout_s, language=language)
    return (HttpIdentity(identity), HttpEnrollment(enrollment, language),
            HttpTenantProfiles(enrollment, ttl_s=settings.tenant_profile_cache_s))


def ordering_client(settings: GatewaySettings, language: Callable[[], str]) -> HttpOrdering:
    return HttpOrdering(InternalClient(settings.ordering_url, settings.credential,
                                       timeout_s=settings.upstream_timeout_s, language=language))


def payment_client(settings: GatewaySettings, language: Callable[[], str]) -> HttpPayment:
    return HttpPayment(InternalClient(settings.payment_url, settings.credential,
                                      timeout_s=settings.upstream_timeout_s, language=language))


def verification_client(settings: GatewaySettings, language: Callable[[], str]) -> HttpVerification:
    return HttpVerification(InternalClient(settings.print_gateway_url, settings.credential,
                                           timeout_s=settings.upstream_timeout_s, language=language))


def printing_client(settings: GatewaySettings, language: Callable[[], str]) -> HttpPrinting:
    return HttpPrinting(InternalClient(settings.print_gateway_url, settings.credential,
                                       timeout_s=settings.upstream_timeout_s, language=language))


def setup_tokens(settings: GatewaySettings) -> SetupTokens:
    """Redis wherever it is configured (settings require it outside development)."""
    return RedisSetupTokens.from_url(settings.redis_url) if settings.redis_url else InProcessSetupTokens()
