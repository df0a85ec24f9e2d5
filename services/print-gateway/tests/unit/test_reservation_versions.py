"""PrintReservationIssued v2 (issue 10): each reservation's pages and the estimated print charge.
A v1 event, recorded before, reads as v2 with both unknown (ADR 0017), never invented."""

from __future__ import annotations

from datetime import UTC, datetime

from shomei_print_gateway.adapters.event_schemas import make_registry
from shomei_print_gateway.domain.events import PrintReservationIssued
from shomei_print_gateway.domain.print_order import PrintOrder
from shomei_shared.messaging.envelope import Envelope

AT = datetime(2026, 4, 1, 3, 0, tzinfo=UTC)


def test_a_v1_reservation_reads_as_v2_with_pages_and_estimate_unknown() -> None:
    v1 = Envelope(type="PrintReservationIssued", version=1, tenant_id="demo-univ", aggregate_id="order-1",
                  aggregate_version=1, message_id="m-1", occurred_at=AT, payload={
                      "print_channel": "netprint", "deadline": AT.isoformat(), "issued_at": AT.isoformat(),
                      "reservations": [{"number": "AB12CD34", "certificate_ids": ["c-1"]}]})
    event = make_registry().to_event(v1)
    assert isinstance(event, PrintReservationIssued)
    assert (event.print_estimate, event.reservations[0]["pages"]) == (None, None)


def test_the_estimate_is_every_page_issued_times_the_charge_per_page() -> None:
    order = PrintOrder("order-1", "demo-univ")
    order.issued("netprint", [{"number": "AB12CD34", "certificate_ids": ["c-1"], "pages": 1},
                              {"number": "EF56GH78", "certificate_ids": ["c-2"], "pages": 3}], AT, AT, page_charge=20)
    assert order.print_estimate == 80
