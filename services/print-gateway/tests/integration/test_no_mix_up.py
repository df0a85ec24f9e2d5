"""No document ever reaches another person (issue 10): 200 orders of 200 graduates, submitted by two
jobs rounds running at once; every number is read back from the simulator as the machine would
print it, and each document names the graduate who ordered it and no one else."""

from __future__ import annotations

import io
import threading

import pypdf
from sqlalchemy import Engine, text

from shomei_print_gateway.adapters.academic_records import FakeAcademicRecords
from shomei_print_gateway.entrypoints.jobs import run_once
from shomei_print_gateway.service_layer.ports import PrintGatewayUnitOfWork
from shomei_shared.clock import FakeClock
from shomei_shared.service import Service

from .conftest import ISSUER, Sim, events, place, record

GRADUATES = 200


def test_two_hundred_graduates_each_get_only_their_own_certificate(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, records: FakeAcademicRecords,
        netprint_sim: Sim) -> None:
    orders: dict[str, tuple[str, str]] = {}  # order → (student number, name)
    for n in range(GRADUATES):
        number, name = f"L{n:05d}", f"卒業 生{n:03d}"
        records.add("demo-univ", f"account-{n}", record(number, name, f"SOTSUGYO Sei{n:03d}"), ISSUER)
        order_id = place(service, clock, account_id=f"account-{n}", student_number=number, lines=[
            {"type": "graduation", "name_ja": "卒業証明書", "name_en": "Certificate of Graduation", "copies": 1,
             "pages": 1}])
        orders[order_id] = (number, name)

    def rounds() -> None:
        while run_once(service)[0]:
            pass

    workers = [threading.Thread(target=rounds) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    uploads = {u["number"]: u for u in netprint_sim.active()}
    assert len(uploads) == GRADUATES
    for order_id, (student_number, name) in orders.items():
        [issued] = events(engine, order_id)
        [reservation] = issued["payload"]["reservations"]
        [document] = uploads[reservation["number"]]["documents"]
        printed = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(
            netprint_sim.pdf(reservation["number"], document["document_id"]))).pages)
        assert student_number in printed and name in printed, order_id
        others = [n for n, _ in orders.values() if n != student_number and n in printed]
        assert others == [], order_id
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(DISTINCT order_id) FROM certificates")).scalar() == GRADUATES
