"""The jobs process: `python -m shomei_print_gateway.entrypoints.jobs`. Every interval it submits the
paid orders that are due (issue, render, guard, upload), makes the verification previews issuing
left for later, and withdraws the files of orders whose print window has ended, until SIGTERM.

It keeps no state of its own: what is due is read from the database each round, so a process
stopped at any point and started again picks up where the records say (ADR 0032). It scales by
running more of it (Kubernetes replicas, `honcho start -c print-gateway-jobs=N`): rounds of any
number of processes share the work through claims and locks in the database (ADR 0039)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from shomei_print_gateway.bootstrap import bootstrap, real_dependencies
from shomei_print_gateway.entrypoints.migrate import migrate_when_ready
from shomei_print_gateway.service_layer.commands import (
    ExpireEndedOrders,
    RenderMissingPreviews,
    SubmitDueOrders,
    WithdrawReversedOrders,
)
from shomei_print_gateway.service_layer.ports import PrintGatewayUnitOfWork
from shomei_print_gateway.settings import load_settings
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging
from shomei_shared.process import run_until_signalled
from shomei_shared.service import Service

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Round:
    submitted: int  # orders taken up to submit
    previews: int  # certificates whose preview was settled
    expired: int


def run_round(service: Service[PrintGatewayUnitOfWork]) -> Round:
    """Submitting first; previews only when the submission round left no order waiting (a full
    batch may have left more), so that under a backlog issuing comes first and the previews catch
    up when it is gone (expiry makes an ending window's own first, whatever the backlog)."""
    submitted: int = service.handle(SubmitDueOrders())
    previews: int = service.handle(RenderMissingPreviews()) if submitted < SubmitDueOrders().limit else 0
    expired: int = service.handle(ExpireEndedOrders())
    # A payment taken back after issue (OrderPaymentReversed): its unprinted numbers are withdrawn.
    withdrawn: int = service.handle(WithdrawReversedOrders())
    if withdrawn:
        log.info("withdrew the reservations of %d orders whose payment was taken back", withdrawn)
    if expired:
        log.info("expired %d print reservations at the end of their window", expired)
    return Round(submitted, previews, expired)


def run_once(service: Service[PrintGatewayUnitOfWork]) -> tuple[int, int]:
    """One round: how many orders it took up to submit, and how many it expired."""
    done = run_round(service)
    return done.submitted, done.expired


def run(service: Service[PrintGatewayUnitOfWork], stop: threading.Event, interval_s: float) -> None:
    """Rounds until stopped, the next at once while any step had a full batch; a failed round (the
    database away) is logged and tried again next time."""
    while not stop.is_set():
        try:
            done = run_round(service)
        except Exception:
            log.exception("print-gateway jobs round failed")
            done = Round(0, 0, 0)
        if (done.submitted < SubmitDueOrders().limit and done.previews < RenderMissingPreviews().limit
                and done.expired < ExpireEndedOrders().limit):
            stop.wait(interval_s)


def main() -> None:
    settings = load_settings()
    configure_logging("print-gateway-jobs", settings.log_level)
    migrate_when_ready(settings.database_url)
    engine = make_engine(settings.database_url, pool_size=2)  # the rounds' and an order's lock
    service = bootstrap(engine, real_dependencies(settings=settings), settings=settings)
    try:
        run_until_signalled(lambda stop: run(service, stop, settings.jobs_interval_s))
    finally:
        engine.dispose()


if __name__ == "__main__":
    main()
