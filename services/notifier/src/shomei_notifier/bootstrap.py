"""The one place that chooses real or fake adapters and wires them to the service layer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine

from shomei_notifier.adapters.event_schemas import consumed_events
from shomei_notifier.adapters.secrets_http import HttpSecretsClient
from shomei_notifier.adapters.smtp_sender import SmtpConfig, SmtpSender
from shomei_notifier.adapters.sql_log import SqlDeliveryLog, open_sql_log
from shomei_notifier.domain.delivery import RetryPolicy
from shomei_notifier.domain.routing import ROUTES
from shomei_notifier.service_layer.dispatching import Dispatcher
from shomei_notifier.service_layer.ports import Clock, MailSender, SecretsClient
from shomei_notifier.service_layer.recording import record_deliveries
from shomei_notifier.service_layer.rendering import MailRenderer, SiteLinks
from shomei_notifier.settings import NotifierSettings
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.web.client import InternalClient
from shomei_shared.web.tenant_profiles import HttpTenantProfiles, TenantProfiles

CONSUMER_GROUP = "notifier"
CONSUMED_TOPICS = ["identity.registration", "identity.account", "enrollment.application"]


def system_clock() -> datetime:
    return datetime.now(UTC)


def smtp_config(settings: NotifierSettings) -> SmtpConfig:
    return SmtpConfig(host=settings.smtp_host, port=settings.smtp_port, security=settings.smtp_security,
                      username=settings.smtp_username, password=settings.smtp_password,
                      timeout_s=settings.smtp_timeout_s, from_address=settings.mail_from,
                      from_name=settings.mail_from_name)


def retry_policy(settings: NotifierSettings) -> RetryPolicy:
    return RetryPolicy(first_delay=timedelta(seconds=settings.retry_first_delay_s),
                       max_delay=timedelta(seconds=settings.retry_max_delay_s),
                       max_attempts=settings.retry_max_attempts)


def event_handler(clock: Clock = system_clock) -> Callable[[Envelope, Connection], None]:
    """The consumer's handler: validate our copy of the contract, record pending deliveries in
    the consumer's transaction. Event types that send no mail are skipped unvalidated, so a new
    producer event never dead-letters here."""
    registry = consumed_events()

    def handle(envelope: Envelope, connection: Connection) -> None:
        if envelope.type not in ROUTES:
            return
        record_deliveries(registry.read(envelope), SqlDeliveryLog(connection), clock())

    return handle


def dispatcher(settings: NotifierSettings, engine: Engine, *, sender: MailSender | None = None,
               secrets: SecretsClient | None = None, tenants: TenantProfiles | None = None,
               clock: Clock = system_clock) -> Dispatcher:
    if tenants is None:
        tenants = HttpTenantProfiles(InternalClient(settings.enrollment_url, settings.internal_token),
                                     ttl_s=settings.tenant_profile_cache_s)
    return Dispatcher(
        open_log=lambda: open_sql_log(engine),
        sender=sender or SmtpSender(smtp_config(settings)),
        secrets=secrets or HttpSecretsClient(settings.identity_url, settings.internal_token),
        renderer=MailRenderer(SiteLinks(settings.public_base_url, settings.resubmit_path)),
        clock=clock,
        policy=retry_policy(settings),
        tenants=tenants,
    )
