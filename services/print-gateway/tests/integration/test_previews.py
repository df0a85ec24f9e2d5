"""The verification preview off the issuing path (ADR 0039): issuing stores a certificate without
it; the jobs process makes it from the PDF it still holds, when no order waits to be submitted,
and always before a window's files are deleted; two processes never make one at once; a PDF gone
first is recorded, and nothing else rendered for it. Against PostgreSQL and the simulators."""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, text

from shomei_print_gateway.adapters.pdf_pages import PdfPages
from shomei_print_gateway.entrypoints.jobs import run_round
from shomei_print_gateway.service_layer.commands import (
    ExpireEndedOrders,
    RenderMissingPreviews,
    SubmitDueOrders,
    WithdrawReversedOrders,
)
from shomei_print_gateway.service_layer.ports import PrintGatewayUnitOfWork
from shomei_shared.clock import FakeClock
from shomei_shared.service import Service

from .conftest import Sim, place

ONE_COPY = [{"type": "graduation", "name_ja": "卒業証明書", "name_en": "Certificate of Graduation", "copies": 1,
             "pages": 1}]


def previews(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(row) for row in conn.execute(text(
            "SELECT c.certificate_id, c.order_id, c.preview_png, c.preview_unavailable_at, f.pdf"
            " FROM certificates c JOIN certificate_files f USING (certificate_id) ORDER BY c.issued_at")).mappings()]


def ends_at(engine: Engine, order_id: str) -> Any:
    with engine.connect() as conn:
        return conn.execute(text("SELECT ends_at FROM print_orders WHERE order_id = :o"), {"o": order_id}).scalar_one()


def test_issuing_stores_no_preview_and_a_round_with_no_order_waiting_makes_it_from_the_pdf(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, netprint_sim: Sim) -> None:
    place(service, clock)
    assert service.handle(SubmitDueOrders()) == 1
    issued = previews(engine)
    assert len(issued) == 3 and all(row["preview_png"] is None and row["pdf"] for row in issued)

    assert run_round(service).previews == 3
    for row in previews(engine):
        assert row["preview_png"] == PdfPages().first_page_png(row["pdf"])  # the very document issued
    assert run_round(service).previews == 0


def test_under_a_backlog_orders_are_issued_before_any_preview_is_made(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, netprint_sim: Sim) -> None:
    limit = SubmitDueOrders().limit
    for _ in range(limit + 1):
        place(service, clock, lines=ONE_COPY)
    first = run_round(service)
    assert (first.submitted, first.previews) == (limit, 0)  # a full batch: more may be waiting
    second = run_round(service)
    assert (second.submitted, second.previews) == (1, RenderMissingPreviews().limit)
    while run_round(service).previews:
        pass
    assert all(row["preview_png"] for row in previews(engine))


def test_the_end_of_the_window_makes_the_missing_previews_before_it_deletes_the_files(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, netprint_sim: Sim) -> None:
    order_id = place(service, clock)
    service.handle(SubmitDueOrders())  # no preview round yet: a backlog until the window ended
    clock.set(ends_at(engine, order_id))
    assert service.handle(ExpireEndedOrders()) == 1
    rows = previews(engine)
    assert len(rows) == 3 and all(row["preview_png"] and row["pdf"] is None for row in rows)


def test_a_payment_taken_back_after_issue_keeps_the_previews_of_its_certificates(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, netprint_sim: Sim) -> None:
    order_id = place(service, clock)
    service.handle(SubmitDueOrders())
    with engine.begin() as conn:  # as OrderPaymentReversed leaves an issued order
        conn.execute(text("UPDATE print_orders SET state = 'withdrawing' WHERE order_id = :o"), {"o": order_id})
    assert service.handle(WithdrawReversedOrders()) == 1
    assert all(row["preview_png"] and row["pdf"] is None for row in previews(engine))


def test_the_end_of_the_window_waits_for_a_preview_another_process_is_making(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, netprint_sim: Sim) -> None:
    """Another process's batch holds a certificate (locked, its preview not yet committed) while
    this one expires the order: the expiry waits, and the batch's preview is kept, the PDF then gone."""
    order_id = place(service, clock, lines=ONE_COPY)
    service.handle(SubmitDueOrders())
    [row] = previews(engine)
    made = PdfPages().first_page_png(row["pdf"])
    clock.set(ends_at(engine, order_id))
    other = engine.connect()
    batch = other.begin()
    other.execute(text("SELECT 1 FROM certificates c JOIN certificate_files f USING (certificate_id)"
                       " WHERE c.certificate_id = :c FOR UPDATE OF c, f"), {"c": row["certificate_id"]})
    expired: list[int] = []
    expiring = threading.Thread(target=lambda: expired.append(service.handle(ExpireEndedOrders())))
    expiring.start()
    try:
        _wait_until_a_lock_is_awaited(engine)
        other.execute(text("UPDATE certificates SET preview_png = :p WHERE certificate_id = :c"),
                      {"p": made, "c": row["certificate_id"]})
        batch.commit()
    finally:
        other.close()
        expiring.join()
    assert expired == [1]
    [after] = previews(engine)
    assert after["preview_png"] == made and after["pdf"] is None


def _wait_until_a_lock_is_awaited(engine: Engine) -> None:
    """Until some session of the test's database waits for a row lock (the expiry reached it)."""
    waiting = 0
    while not waiting:
        time.sleep(0.02)  # a poll, not a timing: the test waits for the state, however long it takes
        with engine.connect() as conn:
            waiting = conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                        " AND wait_event_type = 'Lock'")).scalar_one()


def test_two_processes_never_make_the_same_preview(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, netprint_sim: Sim) -> None:
    """Certificates another process's batch holds are skipped, not made twice."""
    held_order = place(service, clock)
    place(service, clock, lines=ONE_COPY)
    service.handle(SubmitDueOrders())
    with engine.connect() as other, other.begin():
        other.execute(text("SELECT 1 FROM certificates c JOIN certificate_files f USING (certificate_id)"
                           " WHERE c.order_id = :o FOR UPDATE OF c, f"), {"o": held_order})
        assert service.handle(RenderMissingPreviews()) == 1
    made = {row["order_id"]: row["preview_png"] is not None for row in previews(engine)}
    assert made[held_order] is False and list(made.values()).count(True) == 1
    assert service.handle(RenderMissingPreviews()) == 3


def test_a_certificate_whose_pdf_is_gone_is_recorded_and_nothing_else_is_rendered(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, netprint_sim: Sim,
        caplog: pytest.LogCaptureFixture) -> None:
    """Expired while an older jobs process made no previews, say: the certificate stays verifiable
    without an image, and the batch does not take it up again."""
    order_id = place(service, clock, lines=ONE_COPY)
    service.handle(SubmitDueOrders())
    with engine.begin() as conn:
        conn.execute(text("UPDATE certificate_files SET pdf = NULL WHERE order_id = :o"), {"o": order_id})
    with caplog.at_level(logging.ERROR):
        assert service.handle(RenderMissingPreviews()) == 1
    [row] = previews(engine)
    assert row["preview_png"] is None and row["preview_unavailable_at"] == clock.now()
    assert any("PDF is gone" in record.getMessage() for record in caplog.records)
    assert service.handle(RenderMissingPreviews()) == 0
    clock.advance(timedelta(days=8))
    service.handle(ExpireEndedOrders())
    assert previews(engine)[0]["preview_png"] is None
