"""More than one jobs worker (ADR 0039): two workers, each with its own engine, run submission
rounds at once over the same due orders. Every claim is made to end at once (a lease of zero), as
if each round were slower than the lease, so each round claims again what the other is working
on; still every order is issued exactly once, each document under one reservation, none skipped.
Against PostgreSQL and both simulators."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import Engine, text

from shomei_print_gateway.adapters.academic_records import FakeAcademicRecords
from shomei_print_gateway.adapters.rendering import PdfRenderer
from shomei_print_gateway.adapters.store_print import Netprint, SharpPrint
from shomei_print_gateway.bootstrap import bootstrap
from shomei_print_gateway.service_layer.commands import SubmitDueOrders
from shomei_print_gateway.service_layer.ports import PrintGatewayUnitOfWork
from shomei_shared.clock import FakeClock
from shomei_shared.db import make_engine
from shomei_shared.service import Service

from .conftest import NETPRINT_KEY, SHARP_PASSWORD, SHARP_USER, Sim, deps_for, place

ORDERS = 16
LINES = [{"type": "graduation", "name_ja": "卒業証明書", "name_en": "Certificate of Graduation", "copies": 2,
          "pages": 1}]


def worker(db_url: str, clock: FakeClock, records: FakeAcademicRecords, netprint_sim: Sim, sharp_sim: Sim,
           engines: list[Engine]) -> Service[PrintGatewayUnitOfWork]:
    """A jobs worker of its own: its engine and provider clients; a claim that ends at once."""
    engine = make_engine(db_url, pool_size=2)
    engines.append(engine)
    return bootstrap(engine, deps_for(clock, lease=timedelta(0)), records=records, renderer=PdfRenderer(),
                     providers={"netprint": Netprint(netprint_sim.url, NETPRINT_KEY),
                                "sharpprint": SharpPrint(sharp_sim.url, SHARP_USER, SHARP_PASSWORD)})


def due(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM print_orders WHERE state = 'due'")).scalar_one())


def rounds_until_none_due(service: Service[PrintGatewayUnitOfWork], engine: Engine, start: threading.Barrier) -> None:
    start.wait()
    while due(engine):
        service.handle(SubmitDueOrders(limit=3))


def test_two_workers_at_once_issue_each_order_exactly_once(
        db_url: str, engine: Engine, service: Service[PrintGatewayUnitOfWork], clock: FakeClock,
        records: FakeAcademicRecords, netprint_sim: Sim, sharp_sim: Sim, caplog: pytest.LogCaptureFixture) -> None:
    orders = [place(service, clock, lines=LINES, channel="sharp" if n % 4 == 0 else "netprint")
              for n in range(ORDERS)]
    engines: list[Engine] = []
    workers = [worker(db_url, clock, records, netprint_sim, sharp_sim, engines) for _ in range(2)]
    start = threading.Barrier(2)
    with caplog.at_level(logging.WARNING), ThreadPoolExecutor(2) as pool:
        running = [pool.submit(rounds_until_none_due, w, engine, start) for w in workers]
        for each in running:
            each.result()  # a worker's exception fails the test here
    for used in engines:
        used.dispose()

    with engine.connect() as conn:
        states = dict(conn.execute(text("SELECT order_id, state FROM print_orders")).all())
        copies = Counter(conn.execute(text("SELECT order_id FROM certificates")).scalars())
        issued = Counter(conn.execute(text(
            "SELECT aggregate_id FROM events WHERE type = 'PrintReservationIssued'")).scalars())
        calls = conn.execute(text("SELECT number, certificate_ids FROM submissions")).all()
    assert states == dict.fromkeys(orders, "issued")  # none skipped
    assert copies == dict.fromkeys(orders, 2) and issued == dict.fromkeys(orders, 1)  # each issued once
    # One reservation per document: every copy in exactly one provider call, every call made once.
    assert sorted(cid for _, ids in calls for cid in ids) == sorted(set(cid for _, ids in calls for cid in ids))
    assert len(calls) == sum(2 if n % 4 else 1 for n in range(ORDERS)) and all(number for number, _ in calls)
    active = netprint_sim.active() + sharp_sim.active()
    assert sorted(upload["number"] for upload in active) == sorted(number for number, _ in calls)
    assert sum(len(upload["documents"]) for upload in active) == 2 * ORDERS
    # Neither stepped on the other: no order failed a round, no upload was left to withdraw.
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
