"""The consumer process: `python -m shomei_notifier.entrypoints.consumer`."""

from __future__ import annotations

from shomei_notifier.bootstrap import CONSUMED_TOPICS, CONSUMER_GROUP, bootstrap
from shomei_notifier.settings import load_settings
from shomei_shared.consumer.main import run_consumer
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging

# The names every consumer entrypoint declares; the broker's ACLs are derived from them.
GROUP = CONSUMER_GROUP
TOPICS = CONSUMED_TOPICS


def main() -> None:
    settings = load_settings()
    configure_logging("notifier-consumer", settings.log_level)
    engine = make_engine(settings.database_url)
    run_consumer(engine, settings.kafka_connection(), GROUP, TOPICS, bootstrap(engine).consume)


if __name__ == "__main__":
    main()
