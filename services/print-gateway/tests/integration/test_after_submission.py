"""After submission (issue 10): a provider down (retries with backoff, then PrintReservationFailed,
then a staff retry), copies printed at the simulated machines (signed callbacks, each copy once,
the order fulfilled when all are), the end of the window (numbers withdrawn at the provider, files
deleted here, PrintReservationExpired once) and the graduate's read of it all."""

from __future__ import annotations

from datetime import timedelta

import requests
from flask import Flask
from prometheus_client import REGISTRY
from sqlalchemy import Engine, text

from shomei_devtools.trust import session_trust
from shomei_print_gateway.entrypoints.jobs import run_once
from shomei_print_gateway.service_layer.ports import PrintGatewayUnitOfWork
from shomei_shared.clock import FakeClock
from shomei_shared.service import Service
from shomei_shared.web.assertions import Actor
from shomei_simulators.testing import wait_for

from .conftest import Sim, events, place


def types(engine: Engine, order_id: str) -> list[str]:
    return [e["type"] for e in events(engine, order_id)]


def staff() -> dict[str, str]:
    return session_trust().headers("admin", Actor("demo-univ", "staff-1", "staff", ("registrar",)))


def graduate(account_id: str = "account-1") -> dict[str, str]:
    return session_trust().headers("gateway", Actor("demo-univ", account_id, "graduate"))


def test_a_provider_down_is_retried_with_backoff_then_failed_and_staff_retry_it(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, netprint_sim: Sim,
        app: Flask) -> None:
    netprint_sim.post("/_sim/down", {"mode": "refuse"})
    order_id = place(service, clock)
    counted = failures_counted("provider_unavailable")

    assert run_once(service) == (1, 0)
    assert run_once(service) == (0, 0)  # not due before its backoff
    clock.advance(timedelta(seconds=5))
    assert run_once(service) == (1, 0)
    with engine.connect() as conn:
        attempts, following = conn.execute(text("SELECT attempts, next_attempt_at - :now FROM print_orders"),
                                           {"now": clock.now()}).one()
    assert (attempts, following) == (2, timedelta(seconds=10))  # 5 s, then 10 s
    assert types(engine, order_id) == []

    for _ in range(30):
        clock.advance(timedelta(minutes=5))
        run_once(service)
    assert types(engine, order_id) == ["PrintReservationFailed"]
    assert events(engine, order_id)[0]["payload"]["reason"] == "provider_unavailable"
    assert failures_counted("provider_unavailable") == counted + 1  # ShomeiPrintSubmissionFailures
    client = app.test_client()
    listed = client.get("/internal/staff/print-orders", headers=staff()).get_json()["orders"]
    assert [(o["order_id"], o["state"]) for o in listed] == [(order_id, "failed")]
    other_university = session_trust().headers("admin", Actor("sakura-univ", "staff-b", "staff", ("registrar",)))
    assert client.get("/internal/staff/print-orders", headers=other_university).get_json()["orders"] == []

    netprint_sim.post("/_sim/up")
    assert client.post(f"/internal/staff/print-orders/{order_id}/retry", headers=graduate()).status_code == 403
    assert client.post(f"/internal/staff/print-orders/{order_id}/retry", headers=staff()).status_code == 202
    assert client.post(f"/internal/staff/print-orders/{order_id}/retry", headers=staff()).status_code == 409
    run_once(service)
    assert types(engine, order_id) == ["PrintReservationFailed", "PrintRetryRequested", "PrintReservationIssued"]
    assert len(netprint_sim.active()) == 3


def failures_counted(reason: str) -> float:
    return REGISTRY.get_sample_value("shomei_print_gateway_submission_failures_total", {"reason": reason}) or 0.0


def print_all(sim: Sim, number: str) -> None:
    answer = requests.post(f"{sim.url}/machine/print/{number}", data={"document_id": "all"}, timeout=30)
    assert answer.status_code == 200, answer.text


def test_each_copy_printed_is_recorded_once_and_the_order_fulfilled_when_all_are(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, sharp_sim: Sim,
        app: Flask) -> None:
    order_id = place(service, clock, channel="sharp")
    run_once(service)
    [number] = [r["number"] for r in events(engine, order_id)[0]["payload"]["reservations"]]

    print_all(sharp_sim, number)
    wait_for(lambda: "PrintOrderFulfilled" in types(engine, order_id))
    print_all(sharp_sim, number)  # printed again at the machine: the copies were printed once
    wait_for(lambda: len([c for c in sharp_sim.get("/_sim/callbacks") if c["delivered"]]) == 6)

    assert types(engine, order_id) == ["PrintReservationIssued"] + ["CertificatePrinted"] * 3 + [
        "PrintOrderFulfilled"]
    seen = app.test_client().get(f"/internal/print-orders/{order_id}", headers=graduate()).get_json()
    assert all(copy["printed"] for copy in seen["reservations"][0]["copies"])


def test_a_callback_with_a_bad_or_old_signature_is_refused(app: Flask) -> None:
    client = app.test_client()
    body = b'{"provider": "netprint", "number": "AAAA3333", "document_id": "d", "printed_at": "2026-04-01T00:00:00Z"}'
    assert client.post("/callbacks/print/netprint", data=body,
                       headers={"X-Print-Signature": "t=1,v1=00"}).status_code == 400
    assert client.post("/callbacks/print/netprint", data=body).status_code == 400


def test_at_the_end_of_the_window_the_numbers_and_files_are_gone_once(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, netprint_sim: Sim) -> None:
    order_id = place(service, clock)
    run_once(service)
    with engine.connect() as conn:
        ends_at = conn.execute(text("SELECT ends_at FROM print_orders")).scalar_one()

    clock.set(ends_at - timedelta(seconds=1))  # 23:59:59 JST of day 7: still printable
    assert run_once(service) == (0, 0)
    clock.set(ends_at)  # 00:00 JST of day 8
    assert run_once(service) == (0, 1)
    assert run_once(service) == (0, 0)

    assert types(engine, order_id) == ["PrintReservationIssued", "PrintReservationExpired"]
    assert netprint_sim.active() == []
    assert all(u["state"] == "deleted" for u in netprint_sim.get("/_sim/uploads"))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM certificate_files WHERE pdf IS NOT NULL")).scalar() == 0


def test_the_graduate_reads_numbers_deadline_copies_and_steps_of_their_own_order_only(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, netprint_sim: Sim,
        app: Flask) -> None:
    order_id = place(service, clock)
    client = app.test_client()
    waiting = client.get(f"/internal/print-orders/{order_id}", headers=graduate()).get_json()
    assert (waiting["status"], waiting["reservations"]) == ("waiting", [])
    run_once(service)

    seen = client.get(f"/internal/print-orders/{order_id}", headers=graduate()).get_json()

    assert seen["status"] == "issued" and seen["print_channel"] == "netprint"
    assert seen["stores"]["ja"] == "セブン-イレブン" and len(seen["steps"]) == 3
    assert [len(r["copies"]) for r in seen["reservations"]] == [1, 1, 1]
    assert {c["title"] for r in seen["reservations"] for c in r["copies"]} == {
        "卒業証明書", "Academic Transcript (English)"}
    assert not any(c["printed"] for r in seen["reservations"] for c in r["copies"])
    assert client.get(f"/internal/print-orders/{order_id}", headers=graduate("account-2")).status_code == 404


def test_an_order_the_provider_never_took_ends_with_its_window_and_is_not_tried_after(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, netprint_sim: Sim) -> None:
    netprint_sim.post("/_sim/down", {"mode": "refuse"})
    order_id = place(service, clock)
    assert run_once(service) == (1, 0)
    with engine.connect() as conn:
        ends_at = conn.execute(text("SELECT ends_at FROM print_orders")).scalar_one()
    clock.set(ends_at)

    assert run_once(service) == (0, 1)  # not tried again: its window has ended
    assert run_once(service) == (0, 0)
    assert types(engine, order_id) == ["PrintReservationExpired"]
