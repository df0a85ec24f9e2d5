"""The consumer process: `python -m shomei_enrollment.entrypoints.consumer` (group `enrollment`).

Hears identity.registration (RegistrationEmailVerified: an application may now be submitted) and
identity.account (AccountActivated: link the approved graduate to the new account; EmailChanged:
follow the contact e-mail). Other event types on these topics are not ours and are skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from marshmallow import Schema
from sqlalchemy import Connection

from shomei_enrollment.adapters.identity_events import AccountActivatedV1, EmailChangedV1, RegistrationEmailVerifiedV1
from shomei_enrollment.bootstrap import Enrollment, bootstrap
from shomei_enrollment.config import EnrollmentSettings
from shomei_enrollment.entrypoints.migrate import migrate_when_ready
from shomei_enrollment.service_layer import registrations
from shomei_shared.consumer.main import run_consumer
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging
from shomei_shared.messaging.envelope import Envelope

GROUP = "enrollment"
TOPICS = ["identity.registration", "identity.account"]
log = logging.getLogger(__name__)

Handler = Callable[[Envelope, Connection], None]


def make_handler(enrollment: Enrollment) -> Handler:
    """The handler the idempotent consumer runs inside its transaction, one envelope at a time."""

    def on_registration_email_verified(envelope: Envelope, conn: Connection) -> None:
        payload = _load(RegistrationEmailVerifiedV1(), envelope)
        registrations.record_verified_registration(envelope.aggregate_id, envelope.tenant_id, payload["email"],
                                                   payload["locale"], envelope.occurred_at, enrollment.uow_on(conn))

    def on_account_activated(envelope: Envelope, conn: Connection) -> None:
        payload = _load(AccountActivatedV1(), envelope)
        registrations.account_activated(payload["application_id"], envelope.aggregate_id,
                                        enrollment.uow_on(conn), enrollment.deps)

    def on_email_changed(envelope: Envelope, conn: Connection) -> None:
        payload = _load(EmailChangedV1(), envelope)
        registrations.email_changed(envelope.aggregate_id, payload["new_email"], enrollment.uow_on(conn))

    handlers: dict[str, Handler] = {
        "RegistrationEmailVerified": on_registration_email_verified,
        "AccountActivated": on_account_activated,
        "EmailChanged": on_email_changed,
    }

    def handle(envelope: Envelope, conn: Connection) -> None:
        handler = handlers.get(envelope.type)
        if handler is None:
            return  # another consumer's business
        if envelope.version != 1:
            raise ValueError(f"enrollment reads {envelope.type} v1, got v{envelope.version}")
        handler(envelope, conn)

    return handle


def _load(schema: Schema, envelope: Envelope) -> dict[str, str]:
    loaded: dict[str, str] = schema.load(envelope.payload)
    return loaded


def main() -> None:
    settings = EnrollmentSettings.from_env()
    configure_logging("enrollment-consumer", settings.log_level)
    migrate_when_ready(settings.database_url)  # the ledger and our tables exist before the first message
    engine = make_engine(settings.database_url, pool_size=2)
    run_consumer(engine, settings.kafka_bootstrap, GROUP, TOPICS, make_handler(bootstrap(engine)))


if __name__ == "__main__":
    main()
