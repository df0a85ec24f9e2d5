"""The deadline process on PostgreSQL (rules 4, 5): an unpaid order expires at 00:00 JST of its
8th day, not a second earlier, exactly once, also across restarts and with two processes at once.
Time travels with the clock; nothing sleeps."""

from __future__ import annotations

import threading
import uuid
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine

from shomei_ordering.bootstrap import bootstrap
from shomei_ordering.domain.deadlines import TOKYO
from shomei_ordering.domain.quote import Eligibility, Line
from shomei_ordering.entrypoints.deadlines import run, run_once
from shomei_ordering.service_layer.commands import MarkOrderPaid, PlaceOrder
from shomei_ordering.service_layer.ports import Dependencies, OrderingUnitOfWork
from shomei_shared.clock import FakeClock
from shomei_shared.service import Service

from .conftest import events


def jst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=TOKYO)  # type: ignore[misc]


def place_at(service: Service[OrderingUnitOfWork], clock: FakeClock, moment: datetime) -> str:
    clock.set(moment)
    order_id: str = service.handle(PlaceOrder(
        tenant_id="demo-univ", account_id="account-1", idempotency_key=uuid.uuid4().hex,
        eligibility=Eligibility("L08001", "卒業", "学部"), print_channel="sharp", payment_method="smartpit",
        lines=(Line("graduation", 1),)))
    return order_id


class OneRound(threading.Event):
    """A stop signal that arrives while the loop waits after its first round."""

    def wait(self, timeout: float | None = None) -> bool:
        self.set()
        return True


def expired_types(engine: Engine, order_id: str) -> list[str]:
    return [e["type"] for e in events(engine, order_id) if e["type"] == "OrderExpired"]


@pytest.mark.parametrize(("placed", "last_day"), [
    (jst(2026, 3, 31, 23, 59), (2026, 4, 6)),  # 23:59 JST: that day is day 1
    (jst(2026, 4, 1, 0, 0), (2026, 4, 7)),  # 00:00 JST: a new day 1
    (jst(2026, 1, 31, 22, 0), (2026, 2, 6)),  # month end
    (jst(2026, 12, 31, 23, 59), (2027, 1, 6)),  # year end
    (jst(2028, 2, 29, 12, 0), (2028, 3, 6)),  # leap day
])
def test_an_unpaid_order_expires_at_midnight_after_its_seventh_day(
        service: Service[OrderingUnitOfWork], clock: FakeClock, engine: Engine, placed: datetime,
        last_day: tuple[int, int, int]) -> None:
    order_id = place_at(service, clock, placed)

    clock.set(jst(*last_day, 23, 59, 59))
    assert run_once(service) == 0
    clock.advance(timedelta(seconds=1))
    assert run_once(service) == 1
    assert run_once(service) == 0
    assert expired_types(engine, order_id) == ["OrderExpired"]


def test_paid_and_cancelled_orders_never_expire(service: Service[OrderingUnitOfWork], clock: FakeClock,
                                               engine: Engine) -> None:
    paid = place_at(service, clock, jst(2026, 4, 1, 10, 0))
    service.handle(MarkOrderPaid("demo-univ", paid, "pay-1", 700, clock.now()))
    clock.set(jst(2026, 5, 1, 0, 0))
    assert run_once(service) == 0
    assert expired_types(engine, paid) == []


def test_stopped_before_the_deadline_and_restarted_after_it_expires_each_order_once(
        engine: Engine, clock: FakeClock) -> None:
    def process() -> Service[OrderingUnitOfWork]:
        """A fresh process: a new bootstrap on the same database, nothing carried over."""
        return bootstrap(engine, Dependencies(clock=clock, new_id=lambda: str(uuid.uuid4())))

    first = process()
    orders = [place_at(first, clock, jst(2026, 4, 1, hour, 0)) for hour in (9, 10, 11)]
    clock.set(jst(2026, 4, 7, 23, 0))
    run(first, OneRound(), interval_s=0)  # the process's loop, stopped (SIGTERM) before the deadline
    assert all(expired_types(engine, o) == [] for o in orders)

    clock.set(jst(2026, 4, 8, 0, 30))  # the deadline passed while no process ran
    results: list[int] = []
    start = threading.Barrier(2)

    def round_of(service: Service[OrderingUnitOfWork]) -> None:
        start.wait()
        results.append(run_once(service))

    threads = [threading.Thread(target=round_of, args=(process(),)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 3
    assert run_once(process()) == 0
    assert all(expired_types(engine, o) == ["OrderExpired"] for o in orders)
