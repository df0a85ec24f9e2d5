"""A payment taken back (ordering's OrderPaymentReversed, Smart Pit's 速報取消, ADR 0034), on real
PostgreSQL and the simulators (issue 9, ADR 0032): an order not yet at the store stops waiting and
is queued again by the next payment; an issued one has its unprinted numbers withdrawn at the
provider (files deleted there and here, PrintReservationWithdrawn once); a copy already printed
alerts staff (`paid_back_after_print`, in the console's list and count)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from flask import Flask
from sqlalchemy import Engine, text

from shomei_devtools.trust import session_trust
from shomei_print_gateway.adapters.academic_records import FakeAcademicRecords
from shomei_print_gateway.adapters.rendering import PdfRenderer
from shomei_print_gateway.bootstrap import bootstrap
from shomei_print_gateway.domain import heard
from shomei_print_gateway.entrypoints.jobs import run_once
from shomei_print_gateway.service_layer.ports import PrintGatewayUnitOfWork, StorePrint, Submitted, Upload
from shomei_shared.clock import FakeClock
from shomei_shared.service import Service
from shomei_shared.web.assertions import Actor
from shomei_simulators.testing import wait_for

from .conftest import Sim, deps_for, events, place
from .test_after_submission import print_all, types


def staff() -> dict[str, str]:
    return session_trust().headers("admin", Actor("demo-univ", "staff-1", "staff", ("auditor",)))


def reversed_(service: Service[PrintGatewayUnitOfWork], clock: FakeClock, order_id: str) -> None:
    service.handle(heard.OrderPaymentReversed(tenant_id="demo-univ", aggregate_id=order_id, payment_id="pay-1",
                                              amount=1500, reversed_at=clock.now(), reason="quick_cancelled"))


def state(engine: Engine, order_id: str) -> tuple[str, str | None]:
    with engine.connect() as conn:
        found = conn.execute(text("SELECT state, alert FROM print_orders WHERE order_id = :o"), {"o": order_id}).one()
    return found[0], found[1]


def test_an_order_not_yet_at_the_store_stops_waiting_until_paid_again(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, netprint_sim: Sim) -> None:
    order_id = place(service, clock)
    reversed_(service, clock, order_id)
    assert state(engine, order_id) == ("placed", None)
    assert run_once(service) == (0, 0)  # nothing is submitted for money taken back
    assert netprint_sim.active() == []
    reversed_(service, clock, order_id)  # heard twice: nothing more

    service.handle(heard.OrderPaid(tenant_id="demo-univ", aggregate_id=order_id, payment_id="pay-2",
                                   paid_at=clock.now()))
    assert run_once(service) == (1, 0)
    assert types(engine, order_id) == ["PrintWaitStopped", "PrintReservationIssued"]
    assert len(netprint_sim.active()) == 3


def test_a_failed_order_whose_payment_is_taken_back_is_no_longer_for_staff(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, app: Flask) -> None:
    order_id = place(service, clock, student_number="L09999")  # no record: fails as record_not_found
    run_once(service)
    client = app.test_client()
    assert client.get("/internal/staff/print-orders/alerts", headers=staff()).get_json() == {"alerts": 1}
    reversed_(service, clock, order_id)
    assert types(engine, order_id) == ["PrintReservationFailed", "PrintWaitStopped"]
    assert client.get("/internal/staff/print-orders/alerts", headers=staff()).get_json() == {"alerts": 0}
    assert state(engine, order_id) == ("placed", None)


def test_an_issued_order_has_its_numbers_withdrawn_at_the_provider_once(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, netprint_sim: Sim,
        app: Flask) -> None:
    order_id = place(service, clock)
    run_once(service)
    numbers = [r["number"] for r in events(engine, order_id)[0]["payload"]["reservations"]]
    reversed_(service, clock, order_id)
    assert state(engine, order_id) == ("withdrawing", None)  # the consumer calls no provider
    run_once(service)
    run_once(service)  # a second round finds nothing left to do

    assert types(engine, order_id) == ["PrintReservationIssued", "PrintReservationWithdrawn"]
    withdrawn = events(engine, order_id)[1]["payload"]
    assert (sorted(withdrawn["numbers"]), withdrawn["copies_printed"]) == (sorted(numbers), 0)
    assert netprint_sim.active() == []
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM certificate_files WHERE pdf IS NOT NULL")).scalar() == 0
    assert state(engine, order_id) == ("withdrawn", None)
    clock.advance(timedelta(days=8))
    assert run_once(service) == (0, 0)  # the window's end has nothing left to expire


def test_a_copy_printed_before_the_payment_was_taken_back_alerts_staff(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, netprint_sim: Sim,
        app: Flask) -> None:
    order_id = place(service, clock)
    run_once(service)
    first, *others = [r["number"] for r in events(engine, order_id)[0]["payload"]["reservations"]]
    print_all(netprint_sim, first)
    wait_for(lambda: "CertificatePrinted" in types(engine, order_id))
    reversed_(service, clock, order_id)
    run_once(service)

    withdrawn = events(engine, order_id)[-1]
    assert withdrawn["type"] == "PrintReservationWithdrawn"
    assert (sorted(withdrawn["payload"]["numbers"]), withdrawn["payload"]["copies_printed"]) == (sorted(others), 1)
    assert [upload["number"] for upload in netprint_sim.active()] == [first]  # printed: nothing to take back
    assert state(engine, order_id) == ("withdrawn", "paid_back_after_print")
    client = app.test_client()
    listed = client.get("/internal/staff/print-orders?state=failed", headers=staff()).get_json()["orders"]
    assert [(o["order_id"], o["alert"]) for o in listed] == [(order_id, "paid_back_after_print")]
    assert client.get("/internal/staff/print-orders/alerts", headers=staff()).get_json() == {"alerts": 1}
    detail = client.get(f"/internal/staff/print-orders/{order_id}", headers=staff()).get_json()
    assert (detail["copies"], detail["copies_printed"], detail["provider"]) == (3, 1, "netprint")
    assert sorted((r["number"], r["state"]) for r in detail["reservations"]) == sorted(
        [(first, "submitted")] + [(number, "deleted") for number in others])
    assert [e["event"] for e in detail["history"]] == [
        "PrintReservationIssued", "CertificatePrinted", "PrintReservationWithdrawn"]


class ReversedDuringUpload:
    """netprint, with the payment taken back (the consumer's handling) while the first upload is made."""

    def __init__(self, provider: StorePrint, reverse: Callable[[], None]) -> None:
        self._provider, self._reverse = provider, reverse
        self.name, self.per_document = provider.name, provider.per_document

    def submit(self, uploads: Sequence[Upload], expires_at: datetime) -> Submitted:
        self._reverse()
        self._reverse = lambda: None
        return self._provider.submit(uploads, expires_at)

    def withdraw(self, number: str) -> None:
        self._provider.withdraw(number)

    def find(self, file_name: str) -> str | None:
        return self._provider.find(file_name)


def test_a_payment_taken_back_while_the_round_uploads_withdraws_what_it_uploaded(
        engine: Engine, clock: FakeClock, records: FakeAcademicRecords, providers: dict[str, StorePrint],
        netprint_sim: Sim) -> None:
    order_ids: list[str] = []
    racing: dict[str, StorePrint] = {**providers, "netprint": ReversedDuringUpload(
        providers["netprint"], lambda: reversed_(service, clock, order_ids[0]))}
    service = bootstrap(engine, deps_for(clock), records=records, renderer=PdfRenderer(), providers=racing)
    order_ids.append(place(service, clock))
    run_once(service)  # issues (the numbers exist), finds the payment gone, and the same round withdraws
    run_once(service)
    assert state(engine, order_ids[0]) == ("withdrawn", None)
    assert types(engine, order_ids[0]) == ["PrintWaitStopped", "PrintReservationIssued", "PrintReservationWithdrawn"]
    assert netprint_sim.active() == []
