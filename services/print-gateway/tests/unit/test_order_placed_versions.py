"""OrderPlaced v3 carries the chain's print charge per page (ordering's catalogue); print-gateway
uses it as carried. An order placed before (v1, v2) reads with the charge its estimate implies:
ordering's estimate was that charge × the lines' catalogue pages (ADR 0017 upcasting)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from shomei_print_gateway.adapters.event_schemas import heard_events
from shomei_print_gateway.domain import heard
from shomei_print_gateway.domain.print_order import PrintOrder
from shomei_shared.messaging.envelope import Envelope

AT = datetime(2026, 4, 1, 3, 0, tzinfo=UTC)
LINES = [{"type": "graduation", "name_ja": "卒業証明書", "name_en": "Certificate of Graduation", "fee": 500,
          "copies": 2, "pages": 1, "template": "graduation", "language": "ja"},
         {"type": "transcript", "name_ja": "成績証明書", "name_en": "Academic Transcript", "fee": 500,
          "copies": 1, "pages": 2, "template": "transcript", "language": "ja"}]  # 4 catalogue pages


def placed(version: int, **extra: Any) -> heard.OrderPlaced:
    payload = {"account_id": "account-1", "student_number": "L08001", "print_channel": "sharp",
               "payment_method": "paypal", "lines": LINES, "usage_fee": 200, "total": 1700, "print_estimate": 80,
               "placed_at": AT.isoformat(), "deadline": AT.isoformat(), "ends_at": AT.isoformat(), **extra}
    event = heard_events().read(Envelope(type="OrderPlaced", version=version, tenant_id="demo-univ",
                                         aggregate_id="order-1", aggregate_version=1, message_id="m-1",
                                         occurred_at=AT, payload=payload))
    assert isinstance(event, heard.OrderPlaced)
    return event


def estimate(event: heard.OrderPlaced, pages: list[int]) -> int | None:
    order = PrintOrder("order-1", "demo-univ")
    order.issued("sharp", [{"number": f"N{i}", "certificate_ids": [f"c-{i}"], "pages": n} for i, n in enumerate(pages)],
                 AT, AT, page_charge=event.print_charge_per_page)
    return order.print_estimate


def test_the_charge_per_page_is_used_as_carried_not_derived_from_the_estimate() -> None:
    # 30 yen a page, although 80 yen for 4 pages would divide to 20: the carried fact wins.
    assert placed(3, print_charge_per_page=30).print_charge_per_page == 30


def test_a_v2_order_placed_gives_the_same_estimate_through_the_upcaster() -> None:
    old, new = placed(2), placed(3, print_charge_per_page=20)
    assert old.print_charge_per_page == new.print_charge_per_page == 20
    assert estimate(old, [1, 1, 3]) == estimate(new, [1, 1, 3]) == 100  # the pages as rendered


def test_a_v1_order_placed_reads_with_the_charge_too() -> None:
    v1_lines = [{k: v for k, v in line.items() if k not in ("template", "language")} for line in LINES]
    event = placed(1, lines=v1_lines)
    assert event.print_charge_per_page == 20
    assert [line["template"] for line in event.lines] == ["graduation", "transcript"]
