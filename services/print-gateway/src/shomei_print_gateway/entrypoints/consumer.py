"""`python -m shomei_print_gateway.entrypoints.consumer`: group `print-gateway` on TOPICS.

What print-gateway hears and how it reacts is declared in adapters/event_schemas.py (heard_events)
and service_layer/handlers.py (EVENT_HANDLERS); this module only runs the shared consumer.
It only records: issuing and submitting are the jobs process's (entrypoints/jobs.py), outside
the consumer's transaction, since providers are slow and may be down.
"""

from __future__ import annotations

from shomei_print_gateway.bootstrap import bootstrap
from shomei_print_gateway.entrypoints.migrate import migrate_when_ready
from shomei_print_gateway.settings import load_settings
from shomei_shared.consumer.main import run_consumer
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging

GROUP = "print-gateway"
# OrderPlaced keeps an order; OrderPaid queues it for the stores; OrderPaymentReversed withdraws it.
TOPICS: list[str] = ["ordering.order"]


def main() -> None:
    settings = load_settings()
    configure_logging("print-gateway-consumer", settings.log_level)
    migrate_when_ready(settings.database_url)  # the ledger and our tables exist before the first message
    engine = make_engine(settings.database_url, pool_size=2)
    run_consumer(engine, settings.kafka_connection(), GROUP, TOPICS, bootstrap(engine, settings=settings).consume)


if __name__ == "__main__":
    main()
