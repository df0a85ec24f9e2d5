"""The dispatcher process: `python -m shomei_notifier.entrypoints.dispatcher`. Sends due mails
until SIGTERM; several may run (FOR UPDATE SKIP LOCKED keeps them off each other's mails)."""

from __future__ import annotations

import logging
import threading

from shomei_notifier import bootstrap
from shomei_notifier.service_layer.dispatching import Dispatcher
from shomei_notifier.settings import load_settings
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging
from shomei_shared.process import run_until_signalled

log = logging.getLogger(__name__)


def run(dispatcher: Dispatcher, stop: threading.Event, interval_s: float) -> None:
    """Send what is due, then wait `interval_s` (or until stopped); a database outage is logged
    and retried on the next round rather than ending the process."""
    while not stop.is_set():
        try:
            attempted = dispatcher.dispatch_due()
        except Exception:
            log.exception("dispatch round failed")
            attempted = []
        if not attempted:
            stop.wait(interval_s)


def main() -> None:
    settings = load_settings()
    configure_logging("notifier-dispatcher", settings.log_level)
    engine = make_engine(settings.database_url, pool_size=2)
    dispatcher = bootstrap.dispatcher(settings, engine)
    try:
        run_until_signalled(lambda stop: run(dispatcher, stop, settings.dispatch_interval_s))
    finally:
        engine.dispose()


if __name__ == "__main__":
    main()
