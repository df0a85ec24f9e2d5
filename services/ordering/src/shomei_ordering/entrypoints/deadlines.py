"""The deadline process: `python -m shomei_ordering.entrypoints.deadlines`. Every interval it
expires the unpaid orders whose deadline has passed (rule 5), until SIGTERM.

It keeps no state of its own: what is due is read from the orders each round, so a process
stopped before a deadline and started after it expires those orders on its first round, and two
processes (or a restart mid-round) still give each order one `OrderExpired` (ADR 0028).
"""

from __future__ import annotations

import logging
import threading

from shomei_ordering.bootstrap import bootstrap
from shomei_ordering.entrypoints.migrate import migrate_when_ready
from shomei_ordering.service_layer.commands import ExpireDueOrders
from shomei_ordering.service_layer.ports import OrderingUnitOfWork
from shomei_ordering.settings import load_settings
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging
from shomei_shared.process import run_until_signalled
from shomei_shared.service import Service

log = logging.getLogger(__name__)


def run_once(service: Service[OrderingUnitOfWork]) -> int:
    """One round: how many orders it expired (a full batch means more may be waiting)."""
    expired: int = service.handle(ExpireDueOrders())
    if expired:
        log.info("expired %d orders past their deadline", expired)
    return expired


def run(service: Service[OrderingUnitOfWork], stop: threading.Event, interval_s: float) -> None:
    """Rounds until stopped; a failed round (the database away) is logged and tried again next time."""
    batch = ExpireDueOrders().limit
    while not stop.is_set():
        try:
            expired = run_once(service)
        except Exception:
            log.exception("deadline round failed")
            expired = 0
        if expired < batch:
            stop.wait(interval_s)


def main() -> None:
    settings = load_settings()
    configure_logging("ordering-deadlines", settings.log_level)
    migrate_when_ready(settings.database_url)
    engine = make_engine(settings.database_url, pool_size=1)
    try:
        run_until_signalled(lambda stop: run(bootstrap(engine), stop, settings.deadline_interval_s))
    finally:
        engine.dispose()


if __name__ == "__main__":
    main()
