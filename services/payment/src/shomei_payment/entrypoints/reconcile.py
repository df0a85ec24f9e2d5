"""`python -m shomei_payment.entrypoints.reconcile`: every SHOMEI_RECONCILE_INTERVAL_S, ask PayPal
about payments left approved or pending for SHOMEI_RECONCILE_AFTER_S (a browser closed before
returning, a webhook lost) and settle them. It keeps no state: a restart finds them again."""

from __future__ import annotations

import logging
import signal
import threading
from datetime import timedelta

from shomei_payment.bootstrap import bootstrap
from shomei_payment.entrypoints.crash_point import with_crash_point
from shomei_payment.entrypoints.migrate import migrate_when_ready
from shomei_payment.entrypoints.web import paypal_client, smartpit_client
from shomei_payment.service_layer.commands import ReconcilePayPal
from shomei_payment.settings import load_settings
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging

log = logging.getLogger(__name__)


def main() -> None:
    settings = load_settings()
    configure_logging("payment-reconcile", settings.log_level)
    migrate_when_ready(settings.database_url)
    engine = make_engine(settings.database_url, pool_size=2)
    service = bootstrap(engine, with_crash_point(paypal_client(settings), settings), smartpit_client(settings))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    while not stop.is_set():
        try:
            moved = service.handle(ReconcilePayPal(older_than=timedelta(seconds=settings.reconcile_after_s)))
            if moved:
                log.info("reconciled %d PayPal payments", moved)
        except Exception:
            log.exception("reconciliation round failed; trying again next round")
        stop.wait(settings.reconcile_interval_s)


if __name__ == "__main__":
    main()
