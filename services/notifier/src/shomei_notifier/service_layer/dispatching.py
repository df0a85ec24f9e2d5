"""Outside any consumer transaction: send the due deliveries, one transaction per mail.

Each mail is claimed with FOR UPDATE SKIP LOCKED, so parallel dispatchers never take the same
one; its secret is redeemed just in time and lives only in memory; the row is marked sent in the
same transaction after the relay accepted the mail. A crash between the two resends it once,
with the same Message-ID (ADR 0011).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime

from shomei_notifier import metrics
from shomei_notifier.domain.delivery import Delivery, RetryPolicy
from shomei_notifier.domain.mail import Language, Mail
from shomei_notifier.domain.routing import SECRET_OPTIONAL, SECRET_SOURCES, SECRET_VARIABLES
from shomei_notifier.service_layer.ports import (
    MailSender,
    OpenDeliveryLog,
    PermanentFailure,
    SecretsClient,
    TemporaryFailure,
)
from shomei_notifier.service_layer.rendering import MailRenderer
from shomei_shared.clock import Clock
from shomei_shared.logs import correlation
from shomei_shared.web.tenant_profiles import StaticTenantProfiles, TenantProfiles

log = logging.getLogger(__name__)


class Dispatcher:
    def __init__(
        self,
        open_log: OpenDeliveryLog,
        sender: MailSender,
        secrets: SecretsClient,
        renderer: MailRenderer,
        clock: Clock,
        policy: RetryPolicy | None = None,
        tenants: TenantProfiles | None = None,
        secret_sources: Mapping[str, SecretsClient] | None = None,
    ) -> None:
        self._open_log = open_log
        self._sender = sender
        # `secrets` redeems identity's references; other services' come by name.
        self._secrets = {"identity": secrets, **(secret_sources or {})}
        self._renderer = renderer
        self._clock = clock
        self._policy = policy or RetryPolicy()
        self._tenants = tenants or StaticTenantProfiles()

    def dispatch_due(self, limit: int = 100) -> list[Delivery]:
        """Attempt every due delivery (at most `limit`); the attempted ones, in order."""
        attempted: list[Delivery] = []
        while len(attempted) < limit:
            delivery = self.dispatch_one()
            if delivery is None:
                break
            attempted.append(delivery)
        return attempted

    def dispatch_one(self) -> Delivery | None:
        with self._open_log() as deliveries:
            now = self._clock.now()
            delivery = deliveries.claim_next_due(now)
            if delivery is None:
                return None
            with correlation(delivery.correlation_id):
                self._attempt(delivery, now)
            deliveries.save(delivery)
        with correlation(delivery.correlation_id):
            metrics.DELIVERY_ATTEMPTS.labels(delivery.template_key, delivery.status.value).inc()
            log.info("delivery %s (%s, event %s): %s after %d attempt(s)%s", delivery.id, delivery.template_key,
                     delivery.event_message_id, delivery.status, delivery.attempts,
                     f", last error {delivery.last_error}" if delivery.last_error else "")
        return delivery

    def _attempt(self, delivery: Delivery, now: datetime) -> None:
        try:
            self._sender.send(self._compose(delivery))
        except PermanentFailure as error:
            delivery.give_up(_failure_name(error))
        except TemporaryFailure as error:
            delivery.mark_failed(now, _failure_name(error), self._policy)
        except Exception as error:
            log.exception("unexpected failure sending delivery %s", delivery.id)
            delivery.mark_failed(now, type(error).__name__, self._policy)
        else:
            delivery.mark_sent(now)

    def _compose(self, delivery: Delivery) -> Mail:
        secrets: dict[str, str] = {}
        variable = SECRET_VARIABLES.get(delivery.template_key)
        if variable is not None and (delivery.secret_ref or delivery.template_key not in SECRET_OPTIONAL):
            if not delivery.secret_ref:
                raise PermanentFailure("secret_ref_missing")
            source = self._secrets.get(SECRET_SOURCES[delivery.template_key])
            if source is None:
                raise PermanentFailure("secret_source_unknown")
            secrets[variable] = source.redeem(delivery.secret_ref).value
        language = Language.of(delivery.language)
        # Enrollment unreachable raises here: the mail waits for a retry rather than going out
        # without its university's name.
        profile = self._tenants.get(delivery.tenant_id)
        return self._renderer.render(
            template_key=delivery.template_key,
            language=language,
            to=delivery.recipient,
            message_id=delivery.mail_message_id,
            university=profile.name(language) if profile else delivery.tenant_id,
            variables=delivery.variables,
            secrets=secrets,
            tenant_id=delivery.tenant_id,
            contact_email=profile.contact_email if profile else "",
        )


def _failure_name(error: Exception) -> str:
    # Adapters put a short failure code in args[0]; never str(error) of foreign exceptions.
    code = error.args[0] if error.args and isinstance(error.args[0], str) else type(error).__name__
    return code[:200]
