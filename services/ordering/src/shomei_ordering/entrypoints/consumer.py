"""`python -m shomei_ordering.entrypoints.consumer`: group `ordering` on TOPICS.

What ordering hears and how it reacts is declared in adapters/event_schemas.py (heard_events)
and service_layer/handlers.py (EVENT_HANDLERS); this module only runs the shared consumer.
"""

from __future__ import annotations

from shomei_ordering.bootstrap import bootstrap
from shomei_ordering.entrypoints.migrate import migrate_when_ready
from shomei_ordering.settings import load_settings
from shomei_shared.consumer.main import run_consumer
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging

GROUP = "ordering"
TOPICS: list[str] = ["payment.payment"]  # PaymentCaptured pays an order, PaymentReversed unpays it


def main() -> None:
    settings = load_settings()
    configure_logging("ordering-consumer", settings.log_level)
    migrate_when_ready(settings.database_url)  # the ledger and our tables exist before the first message
    engine = make_engine(settings.database_url, pool_size=2)
    run_consumer(engine, settings.kafka_connection(), GROUP, TOPICS, bootstrap(engine).consume)


if __name__ == "__main__":
    main()
