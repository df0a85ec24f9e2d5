"""`python -m shomei_identity.entrypoints.consumer`: group `identity` on enrollment.application.

An approved registration becomes an account (AccountActivated, with the initial password sealed
for the notifier). The handler works in the idempotent consumer's transaction, so the ledger row
and the account commit together.
"""

from __future__ import annotations

import logging

from marshmallow import ValidationError
from sqlalchemy import Connection

from shomei_identity.adapters.event_schemas import ApplicationApprovedSchema
from shomei_identity.bootstrap import Identity, bootstrap
from shomei_identity.entrypoints.migrate import migrate_when_ready
from shomei_identity.service_layer.commands import ActivateAccount
from shomei_identity.settings import load_settings
from shomei_shared.consumer.consumer import Handler
from shomei_shared.consumer.main import run_consumer
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging
from shomei_shared.messaging.envelope import Envelope

GROUP = "identity"
TOPICS = ["enrollment.application"]
log = logging.getLogger(__name__)


class UnsupportedVersion(ValueError):
    """A newer ApplicationApproved than this copy of the contract knows: dead-letter, not guess."""


def make_handler(identity: Identity) -> Handler:
    def handle(envelope: Envelope, connection: Connection) -> None:
        if envelope.type != "ApplicationApproved":
            return
        if envelope.version != 1:
            raise UnsupportedVersion(f"ApplicationApproved v{envelope.version}")
        try:
            approved = ApplicationApprovedSchema().load(envelope.payload, unknown="exclude")
        except ValidationError as error:
            raise ValueError(f"invalid ApplicationApproved: {sorted(error.messages)}") from None
        if approved["kind"] != "registration":
            return
        account_id = identity.handle(ActivateAccount(envelope.tenant_id, envelope.aggregate_id, approved["email"],
                                                     approved["locale"]), connection)
        log.info("account %s active for application %s", account_id, envelope.aggregate_id)

    return handle


def main() -> None:
    settings = load_settings()
    configure_logging("identity-consumer", settings.log_level)
    migrate_when_ready(settings.database_url)  # the ledger and our tables exist before the first message
    engine = make_engine(settings.database_url, pool_size=2)
    run_consumer(engine, settings.kafka_bootstrap, GROUP, TOPICS, make_handler(bootstrap(settings, engine)))


if __name__ == "__main__":
    main()
