"""`python -m shomei_print_gateway.entrypoints.consumer`: group `print-gateway` on TOPICS.

What print-gateway hears and how it reacts is declared in adapters/event_schemas.py (heard_events)
and service_layer/handlers.py (EVENT_HANDLERS); this module only runs the shared consumer.
Add its Procfile line once TOPICS names a topic (a process that exits stops `make run`).
"""

from __future__ import annotations

from shomei_print_gateway.bootstrap import bootstrap
from shomei_print_gateway.entrypoints.migrate import migrate_when_ready
from shomei_print_gateway.settings import load_settings
from shomei_shared.consumer.main import run_consumer
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging

GROUP = "print-gateway"
TOPICS: list[str] = []  # the producers' topics of the events heard_events() hears


def main() -> None:
    if not TOPICS:
        raise SystemExit("print-gateway hears no topics yet: see this module's docstring")
    settings = load_settings()
    configure_logging("print-gateway-consumer", settings.log_level)
    migrate_when_ready(settings.database_url)  # the ledger and our tables exist before the first message
    engine = make_engine(settings.database_url, pool_size=2)
    run_consumer(engine, settings.kafka_connection(), GROUP, TOPICS, bootstrap(engine).consume)


if __name__ == "__main__":
    main()
