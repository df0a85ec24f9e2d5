"""OrderPlaced v3 carries the chain's print charge per page, as the catalogue said when the order
was placed; an older OrderPlaced reads with the charge its estimate implies."""

from __future__ import annotations

from datetime import UTC, datetime

from shomei_ordering.adapters.event_schemas import make_registry
from shomei_ordering.domain.catalogue import catalogue_from
from shomei_ordering.domain.order import Order
from shomei_ordering.domain.quote import Eligibility, Line
from shomei_ordering.entrypoints.demo_catalogues import SAKURA_UNIV
from shomei_shared.messaging.envelope import Envelope

AT = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)


def placed_at(channel: str) -> Order:
    return Order.place("order-1", "sakura-univ", "account-1", Eligibility("L08001", "卒業", "学部"), channel,
                       "paypal", [Line("graduation", 2), Line("transcript", 1)],
                       catalogue_from("sakura-univ", SAKURA_UNIV), AT)


def test_the_order_carries_its_chains_charge_per_page() -> None:
    # sakura-univ charges 20 yen a page at netprint and 30 at sharp; 2 × 1 + 1 × 3 pages.
    netprint, sharp = placed_at("netprint").placed, placed_at("sharp").placed
    assert netprint is not None and sharp is not None
    assert (netprint.print_charge_per_page, netprint.print_estimate) == (20, 100)
    assert (sharp.print_charge_per_page, sharp.print_estimate) == (30, 150)
    assert make_registry().latest_version("OrderPlaced") == 3


def test_a_v2_order_placed_reads_with_the_charge_its_estimate_implies() -> None:
    placed = placed_at("sharp").placed
    assert placed is not None
    v2 = make_registry().schema("OrderPlaced", 2).dump(placed)
    assert "print_charge_per_page" not in v2
    read = make_registry().read(Envelope(type="OrderPlaced", version=2, tenant_id="sakura-univ", aggregate_id="x",
                                         aggregate_version=1, payload=v2, message_id="m-1", occurred_at=AT))
    assert (read.version, read.payload["print_charge_per_page"]) == (3, 30)
