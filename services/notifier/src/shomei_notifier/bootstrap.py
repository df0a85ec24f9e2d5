"""The one place that chooses real or fake adapters and wires them to the service layer."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, Engine

from shomei_notifier.adapters.event_schemas import heard_events
from shomei_notifier.adapters.secrets_http import HttpSecretsClient
from shomei_notifier.adapters.smtp_sender import SmtpConfig, SmtpSender
from shomei_notifier.adapters.sql_log import SqlDeliveryLog, open_sql_log
from shomei_notifier.domain.delivery import RetryPolicy
from shomei_notifier.service_layer.dispatching import Dispatcher
from shomei_notifier.service_layer.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from shomei_notifier.service_layer.ports import MailSender, NotifierUnitOfWork, SecretsClient
from shomei_notifier.service_layer.rendering import MailRenderer, SiteLinks
from shomei_notifier.settings import NotifierSettings
from shomei_shared.clock import Clock, SystemClock
from shomei_shared.messaging.registry import EventRegistry
from shomei_shared.service import Service, build_service
from shomei_shared.uow import SqlUnitOfWork
from shomei_shared.web.client import InternalClient
from shomei_shared.web.tenant_profiles import HttpTenantProfiles, TenantProfiles

NAME = "notifier"
CONSUMER_GROUP = "notifier"
CONSUMED_TOPICS = ["identity.registration", "identity.account", "enrollment.application", "ordering.order",
                   "payment.payment", "print-gateway.reservation"]


def smtp_config(settings: NotifierSettings) -> SmtpConfig:
    return SmtpConfig(host=settings.smtp_host, port=settings.smtp_port, security=settings.smtp_security,
                      ca_file=settings.smtp_ca_file,
                      username=settings.smtp_username, password=settings.smtp_password,
                      timeout_s=settings.smtp_timeout_s, from_address=settings.mail_from,
                      from_name=settings.mail_from_name)


def retry_policy(settings: NotifierSettings) -> RetryPolicy:
    return RetryPolicy(first_delay=timedelta(seconds=settings.retry_first_delay_s),
                       max_delay=timedelta(seconds=settings.retry_max_delay_s),
                       max_attempts=settings.retry_max_attempts)


class SqlNotifierUnitOfWork(SqlUnitOfWork, NotifierUnitOfWork):
    """The shared unit of work, typed as the port the handlers use."""


def repositories(connection: Connection) -> Mapping[str, Any]:
    return {"deliveries": SqlDeliveryLog(connection)}


def bootstrap(engine: Engine, *, clock: Clock | None = None) -> Service[NotifierUnitOfWork]:
    """The consumer's service: every event the notifier hears becomes pending deliveries, in
    the consumer's transaction (nothing is sent there: the dispatcher sends, ADR 0010)."""

    registry = EventRegistry()  # the notifier writes no events of its own: an empty registry, made once

    def unit_of_work(connection: Connection | None) -> NotifierUnitOfWork:
        return SqlNotifierUnitOfWork(registry, repositories, engine=engine if connection is None else None,
                                     connection=connection)

    return build_service(NAME, unit_of_work=unit_of_work, commands=COMMAND_HANDLERS, events=EVENT_HANDLERS,
                         dependencies={"clock": clock or SystemClock()}, heard=heard_events())


def dispatcher(settings: NotifierSettings, engine: Engine, *, sender: MailSender | None = None,
               secrets: SecretsClient | None = None, tenants: TenantProfiles | None = None,
               clock: Clock | None = None, enrollment_secrets: SecretsClient | None = None) -> Dispatcher:
    if tenants is None:
        tenants = HttpTenantProfiles(InternalClient(settings.enrollment_url, settings.credential),
                                     ttl_s=settings.tenant_profile_cache_s)
    return Dispatcher(
        open_log=lambda: open_sql_log(engine),
        sender=sender or SmtpSender(smtp_config(settings)),
        secrets=secrets or HttpSecretsClient(settings.identity_url, settings.credential),
        renderer=MailRenderer(SiteLinks(settings.public_base_url)),
        clock=clock or SystemClock(),
        policy=retry_policy(settings),
        tenants=tenants,
        # Re-application links are sealed at enrollment (ADR 0023).
        secret_sources={"enrollment": enrollment_secrets
                        or HttpSecretsClient(settings.enrollment_url, settings.credential)},
    )
