"""A paid order becomes certificates at the store (issue 10): one per line and copy, rendered from
the record, read back by the mix-up guard, uploaded under random names (netprint a number per copy,
Sharp one user number for the order, deleted at the window's end) and PrintReservationIssued with
ids, numbers and the deadline only. Against PostgreSQL and both simulators."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import datetime, timedelta

import pypdf
import pytest
from sqlalchemy import Engine, text

from shomei_print_gateway.adapters.academic_records import FakeAcademicRecords
from shomei_print_gateway.adapters.rendering import PdfRenderer
from shomei_print_gateway.bootstrap import bootstrap
from shomei_print_gateway.domain import heard
from shomei_print_gateway.domain.certificate import CertificateContent, RenderedCertificate
from shomei_print_gateway.entrypoints.jobs import run_once
from shomei_print_gateway.service_layer.ports import PrintGatewayUnitOfWork, StorePrint
from shomei_shared.clock import FakeClock
from shomei_shared.service import Service

from .conftest import ISSUER, Sim, deps_for, events, place, record


def certificates(engine: Engine, order_id: str) -> list[dict[str, object]]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM certificates WHERE order_id = :o ORDER BY line_index, copy_number"),
                            {"o": order_id}).mappings()
        return [dict(row) for row in rows]


def pdf_text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_a_paid_netprint_order_gets_a_number_per_copy_each_holding_its_own_certificate(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, netprint_sim: Sim) -> None:
    order_id = place(service, clock)

    assert run_once(service) == (1, 0)

    issued = events(engine, order_id)
    assert [e["type"] for e in issued] == ["PrintReservationIssued"]
    payload = issued[0]["payload"]
    rows = certificates(engine, order_id)
    assert [(r["kind"], r["language"], r["copy_number"]) for r in rows] == [
        ("graduation", "ja", 1), ("graduation", "ja", 2), ("transcript", "en", 1)]
    assert payload["print_channel"] == "netprint"
    assert sorted(cid for r in payload["reservations"] for cid in r["certificate_ids"]) == sorted(
        str(r["certificate_id"]) for r in rows)
    # No personal data in the event: no name, no student number.
    flat = json.dumps(payload, ensure_ascii=False)
    assert "佐藤" not in flat and "SATO" not in flat and "L08001" not in flat
    by_id = {str(r["certificate_id"]): r for r in rows}
    uploads = {u["number"]: u for u in netprint_sim.active()}
    assert set(uploads) == {r["number"] for r in payload["reservations"]}
    for reservation in payload["reservations"]:
        [certificate_id] = reservation["certificate_ids"]
        [document] = uploads[reservation["number"]]["documents"]
        printed = pdf_text(netprint_sim.pdf(reservation["number"], document["document_id"]))
        certificate = by_id[certificate_id]
        assert str(certificate["verification_code"]) in printed
        assert ("SATO Hanako" if certificate["language"] == "en" else "佐藤 花子") in printed
        assert "L08001" in printed

    assert run_once(service) == (0, 0)  # issued once
    assert len(netprint_sim.active()) == 3


def test_a_sharp_order_gets_one_user_number_for_all_its_copies_deleted_at_the_deadline(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, sharp_sim: Sim) -> None:
    order_id = place(service, clock, channel="sharp")

    run_once(service)

    [issued] = events(engine, order_id)
    [reservation] = issued["payload"]["reservations"]
    assert len(reservation["certificate_ids"]) == 3
    [upload] = sharp_sim.active()
    assert upload["number"] == reservation["number"] and len(upload["documents"]) == 3
    with engine.connect() as conn:
        ends_at = conn.execute(text("SELECT ends_at FROM print_orders WHERE order_id = :o"), {"o": order_id}).scalar()
    assert datetime.fromisoformat(upload["expires_at"]) == ends_at  # 00:00 JST of day 8


def test_files_go_under_random_names_without_personal_data(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, netprint_sim: Sim) -> None:
    order_id = place(service, clock)
    run_once(service)
    with engine.connect() as conn:
        names = conn.execute(text("SELECT file_name FROM certificate_files WHERE order_id = :o"),
                             {"o": order_id}).scalars().all()
    assert len(set(names)) == 3
    assert all(len(name) == 36 and name.endswith(".pdf") and "L08001" not in name for name in names)


def test_an_order_paid_after_its_window_prints_nothing_and_says_so(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, netprint_sim: Sim) -> None:
    order_id = place(service, clock, paid=False)
    service.handle(heard.OrderPaid(tenant_id="demo-univ", aggregate_id=order_id, payment_id="pay-late",
                                   paid_at=clock.now() + timedelta(days=8)))
    run_once(service)

    assert [e["type"] for e in events(engine, order_id)] == ["PrintWindowMissed"]
    assert netprint_sim.active() == []
    assert certificates(engine, order_id) == []


class SwappingRenderer:
    """Renders another graduate's record onto the page: what the mix-up guard exists to stop."""

    def render(self, content: CertificateContent) -> RenderedCertificate:
        other = replace(content, record=record("L09999", "鈴木 一郎", "SUZUKI Ichiro"))
        return PdfRenderer().render(other)


def test_the_mix_up_guard_stops_a_document_naming_another_person(
        engine: Engine, clock: FakeClock, records: FakeAcademicRecords, providers: dict[str, StorePrint],
        netprint_sim: Sim) -> None:
    service = bootstrap(engine, deps_for(clock), records=records, renderer=SwappingRenderer(), providers=providers)
    order_id = place(service, clock)

    run_once(service)

    [failed] = events(engine, order_id)
    assert (failed["type"], failed["payload"]["reason"]) == ("PrintReservationFailed", "mix_up")
    assert netprint_sim.active() == []
    assert certificates(engine, order_id) == []


def test_a_student_number_enrollment_does_not_hold_for_the_account_fails_the_order(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, netprint_sim: Sim) -> None:
    order_id = place(service, clock, account_id="account-2")

    run_once(service)

    [failed] = events(engine, order_id)
    assert failed["payload"]["reason"] == "record_not_found"
    assert netprint_sim.active() == []


def test_the_record_is_read_at_issue_time(service: Service[PrintGatewayUnitOfWork], clock: FakeClock,
                                          engine: Engine, records: FakeAcademicRecords, netprint_sim: Sim) -> None:
    order_id = place(service, clock)
    records.add("demo-univ", "account-1", record(kanji="佐藤 華子"), ISSUER)  # corrected by the registrar

    run_once(service)

    assert {r["holder_name"] for r in certificates(engine, order_id) if r["language"] == "ja"} == {"佐藤 華子"}


def test_a_record_lacking_what_its_certificate_certifies_fails_the_order_naming_the_field_only(
        engine: Engine, clock: FakeClock, providers: dict[str, StorePrint], netprint_sim: Sim,
        caplog: pytest.LogCaptureFixture) -> None:
    # A graduation certificate needs a graduation date; the registrar's import left it out.
    incomplete = FakeAcademicRecords()
    incomplete.add("demo-univ", "account-1", replace(record(kanji="高橋 未完"), graduated_on=None), ISSUER)
    service = bootstrap(engine, deps_for(clock), records=incomplete, renderer=PdfRenderer(), providers=providers)
    order_id = place(service, clock)

    run_once(service)

    [failed] = events(engine, order_id)
    assert (failed["type"], failed["payload"]["reason"]) == ("PrintReservationFailed", "record_incomplete")
    assert netprint_sim.active() == []
    assert certificates(engine, order_id) == []
    assert "graduated_on" in caplog.text and "高橋" not in caplog.text


def test_the_estimated_print_charge_counts_the_pages_as_rendered(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, sharp_sim: Sim) -> None:
    """The catalogue quoted 4 pages (2 graduation of 1, a transcript of 2) at 20 yen a page at the
    chain. The estimate the graduate reads counts the pages the renderer made."""
    order_id = place(service, clock, channel="sharp", print_charge_per_page=20)
    run_once(service)

    [issued] = events(engine, order_id)
    [reservation] = issued["payload"]["reservations"]
    pages = sum(int(row["pages"]) for row in certificates(engine, order_id))
    assert reservation["pages"] == pages
    assert issued["payload"]["print_estimate"] == 20 * pages
    with engine.connect() as conn:
        version = conn.execute(text("SELECT version FROM events WHERE aggregate_id = :o"), {"o": order_id}).scalar()
    assert version == 2


def test_an_order_placed_without_an_estimate_is_issued_with_none(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, netprint_sim: Sim) -> None:
    order_id = place(service, clock)
    run_once(service)
    [issued] = events(engine, order_id)
    assert issued["payload"]["print_estimate"] is None
    assert all(reservation["pages"] >= 1 for reservation in issued["payload"]["reservations"])
