"""The order aggregate and the catalogue's rules: prices, eligibility, copies, transitions once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from shomei_ordering.domain.catalogue import Catalogue, catalogue_from
from shomei_ordering.domain.events import OrderExpired, OrderPaid, OrderPlaced, PaymentNotApplied
from shomei_ordering.domain.order import Order
from shomei_ordering.domain.quote import Eligibility, Line
from shomei_ordering.domain.tenant_catalogue import TenantCatalogue
from shomei_ordering.entrypoints.demo_catalogues import DEMO_UNIV, SAKURA_UNIV
from shomei_ordering.entrypoints.messages import CATALOGUE
from shomei_shared.errors import Conflict, InvalidInput

PLACED = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)  # 10:00 JST
GRADUATE = Eligibility("L08001", "卒業", "学部")


def demo() -> Catalogue:
    return catalogue_from("demo-univ", DEMO_UNIV)


def place(lines: list[Line], *, eligibility: Eligibility = GRADUATE, method: str = "paypal",
          channel: str = "netprint", catalogue: Catalogue | None = None) -> Order:
    return Order.place("order-1", "demo-univ", "account-1", eligibility, channel, method, lines,
                       catalogue or demo(), PLACED)


def refusal(lines: list[Line], **kwargs: Any) -> list[tuple[str, str]]:
    with pytest.raises(InvalidInput) as refused:
        place(lines, **kwargs)
    for violation in refused.value.violations:
        assert violation.code in CATALOGUE, violation.code
    return [(v.field, v.code) for v in refused.value.violations]


def test_the_total_is_the_fees_times_copies_plus_the_usage_fee_and_the_deadline_is_day_seven() -> None:
    order = place([Line("graduation", 2), Line("transcript", 3)])

    [placed] = order.pending
    assert isinstance(placed, OrderPlaced)
    assert placed.total == 500 * 2 + 500 * 3 + 200 == order.total
    assert placed.print_estimate == 20 * (1 * 2 + 2 * 3)  # netprint 20 yen per page, transcripts 2 pages
    assert placed.deadline == datetime(2026, 4, 7, 14, 59, 59, tzinfo=UTC)  # 23:59:59 JST
    assert [line["copies"] for line in placed.lines] == [2, 3] and order.status == "placed"


def test_twenty_copies_are_allowed_and_twenty_one_are_refused_at_the_lines() -> None:
    assert place([Line("graduation", 10), Line("transcript", 10)]).total == 10_200
    assert refusal([Line("graduation", 10), Line("transcript", 11)]) == [("lines", "too_many_copies")]


@pytest.mark.parametrize(("lines", "kwargs", "expected"), [
    ([], {}, [("lines", "order_no_lines")]),
    ([Line("diploma", 1)], {}, [("lines.0.type", "certificate_type_unknown")]),
    ([Line("graduation", 0)], {}, [("lines.0.copies", "copies_out_of_range")]),
    ([Line("graduation", 1), Line("graduation", 1)], {}, [("lines.1.type", "certificate_type_repeated")]),
    ([Line("graduation", 1)], {"eligibility": Eligibility("L1", "除籍", "学部")},
     [("lines.0.type", "certificate_type_not_eligible")]),  # a 除籍 graduate cannot order a 卒業証明書
    ([Line("graduation", 1)], {"eligibility": Eligibility("G1", "卒業", "大学院")},
     [("lines.0.type", "certificate_type_not_eligible")]),  # an undergraduate type for a graduate-school number
    ([Line("graduation", 1)], {"method": "cash"}, [("payment_method", "payment_method_not_offered")]),
    ([Line("graduation", 1)], {"channel": "ministop"}, [("print_channel", "print_channel_unknown")]),
])
def test_each_problem_is_refused_at_its_field(lines: list[Line], kwargs: dict[str, Any],
                                              expected: list[tuple[str, str]]) -> None:
    assert refusal(lines, **kwargs) == expected


def test_a_type_the_store_cannot_print_is_refused() -> None:
    sakura = catalogue_from("sakura-univ", SAKURA_UNIV)
    assert refusal([Line("expected_graduation", 1)], catalogue=sakura) == [
        ("lines.0.type", "certificate_type_not_printable")]


def test_a_method_the_university_does_not_offer_is_refused() -> None:
    paypal_only = catalogue_from("demo-univ", {**DEMO_UNIV, "payment_methods": ["paypal"]})
    assert refusal([Line("graduation", 1)], method="smartpit", catalogue=paypal_only) == [
        ("payment_method", "payment_method_not_offered")]


def placed_order() -> Order:
    order = place([Line("graduation", 1)])
    order.take_pending()
    return order


def test_an_unpaid_order_expires_once_and_only_from_midnight_of_day_eight() -> None:
    order = placed_order()
    ends = datetime(2026, 4, 7, 15, 0, tzinfo=UTC)  # 2026-04-08 00:00 JST

    assert not order.expire_if_due(ends - timedelta(microseconds=1))
    assert order.expire_if_due(ends)
    assert not order.expire_if_due(ends + timedelta(days=1))
    assert [type(e) for _, e in order.take_pending()] == [OrderExpired]


def test_a_payment_pays_once_and_money_for_a_closed_order_is_recorded_once() -> None:
    order = placed_order()
    paid_at = PLACED + timedelta(hours=1)

    assert order.pay("pay-1", 700, paid_at) == "paid"
    assert order.pay("pay-1", 700, paid_at) == "duplicate"
    assert order.pay("pay-2", 700, paid_at) == "already_paid"
    assert order.pay("pay-2", 700, paid_at) == "duplicate"
    assert [type(e) for _, e in order.take_pending()] == [OrderPaid, PaymentNotApplied]
    with pytest.raises(Conflict):
        order.cancel(paid_at, "graduate")


def test_money_after_the_deadline_expires_the_order_and_is_kept_for_a_refund() -> None:
    order = placed_order()
    late = datetime(2026, 4, 7, 15, 0, 5, tzinfo=UTC)

    assert order.pay("pay-1", 700, late) == "expired"
    events = [e for _, e in order.take_pending()]
    assert [type(e) for e in events] == [OrderExpired, PaymentNotApplied] and order.status == "expired"


def test_a_wrong_amount_does_not_pay_the_order() -> None:
    order = placed_order()
    assert order.pay("pay-1", 699, PLACED) == "amount_mismatch" and order.status == "placed"


def test_a_cancelled_order_stays_cancelled_and_cannot_expire() -> None:
    order = placed_order()
    order.cancel(PLACED, "graduate")
    order.cancel(PLACED, "graduate")

    assert not order.expire_if_due(PLACED + timedelta(days=30))
    assert order.pay("pay-1", 700, PLACED) == "cancelled"
    assert len(order.take_pending()) == 2  # OrderCancelled, PaymentNotApplied


def test_the_catalogue_reports_every_problem_at_its_field() -> None:
    document = {"types": [{"code": "a b", "name_ja": "", "name_en": "X", "fee": -1, "pages": 0,
                           "statuses": ["卒業", "休学"], "programmes": []},
                          {"code": "ok", "name_ja": "X", "name_en": "X", "template": "graduation"},
                          {"code": "ok", "name_ja": "X", "name_en": "X", "template": "diploma"}],
                "usage_fee": 1.5, "print_charges": {"netprint": 20}, "payment_methods": []}
    with pytest.raises(InvalidInput) as refused:
        TenantCatalogue.new("demo-univ").change(document, "staff-1")

    found = {(v.field, v.code) for v in refused.value.violations}
    assert found == {("types.0.code", "certificate_type_code_format"), ("types.0.name_ja", "required"),
                     ("types.0.fee", "amount_out_of_range"), ("types.0.pages", "amount_out_of_range"),
                     ("types.0.statuses", "choice_unknown"), ("types.0.programmes", "choose_at_least_one"),
                     ("types.2.code", "certificate_type_duplicate"), ("usage_fee", "amount_out_of_range"),
                     ("types.0.template", "certificate_type_template"),
                     ("types.2.template", "certificate_type_template"),
                     ("payment_methods", "payment_methods_required")}
    assert all(v.code in CATALOGUE for v in refused.value.violations)


def test_a_catalogue_change_is_an_event_and_the_same_catalogue_again_is_none() -> None:
    catalogue = TenantCatalogue.new("demo-univ")
    assert catalogue.change(DEMO_UNIV, "staff-1")
    catalogue.take_pending()

    assert not catalogue.change(DEMO_UNIV, "staff-2")
    assert catalogue.change({**DEMO_UNIV, "usage_fee": 300}, "staff-2")
    assert catalogue.catalogue.usage_fee == 300 and catalogue.catalogue.type_of("graduation") is not None


@pytest.mark.parametrize(("document", "field"), [
    ({**DEMO_UNIV, "types": "graduation"}, "types"),
    ({**DEMO_UNIV, "types": [["graduation"]]}, "types.0.code"),
    ({**DEMO_UNIV, "print_charges": [20]}, "print_charges"),
    ({**DEMO_UNIV, "payment_methods": "paypal"}, "payment_methods"),
    ({**DEMO_UNIV, "payment_methods": [["paypal"]]}, "payment_methods"),
    ({**DEMO_UNIV, "types": [{**DEMO_UNIV["types"][0], "statuses": [{"x": 1}]}]}, "types.0.statuses"),
])
def test_a_catalogue_of_the_wrong_shape_is_refused_at_its_field(document: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        TenantCatalogue.new("demo-univ").change(document, "staff-1")
    assert field in {v.field for v in refused.value.violations}


def test_smart_pit_takes_at_most_300000_yen_a_bill_and_paypal_more() -> None:
    dear = catalogue_from("demo-univ", {**DEMO_UNIV, "types": [{**DEMO_UNIV["types"][0], "fee": 15_000}]})
    lines = [Line("graduation", 20)]  # 300,000 + the 200 yen usage fee

    assert refusal(lines, method="smartpit", catalogue=dear) == [("payment_method", "amount_exceeds_method_limit")]
    assert place(lines, method="paypal", catalogue=dear).total == 300_200
