"""Which certificate a catalogue type is (its template), for the print service: chosen in the
editor, defaulted from the code (or the Japanese name) for types saved before there was one,
and carried with its language in each OrderPlaced line."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest

from shomei_ordering.adapters.event_schemas import make_registry
from shomei_ordering.domain.catalogue import catalogue_from, default_template
from shomei_ordering.domain.order import Order
from shomei_ordering.domain.quote import Eligibility, Line
from shomei_ordering.entrypoints.demo_catalogues import DEMO_UNIV, SAKURA_UNIV
from shomei_shared.errors import InvalidInput
from shomei_shared.messaging.envelope import Envelope

AT = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)


def v1(event_type: str, payload: dict[str, Any]) -> Envelope:
    return Envelope(type=event_type, version=1, tenant_id="demo-univ", aggregate_id="x", aggregate_version=1,
                    payload=payload, message_id="m-1", occurred_at=AT)


@pytest.mark.parametrize(("code", "name_ja", "template"), [
    ("transcript", "成績証明書", "transcript"), ("graduation_en", "卒業証明書（英文）", "graduation"),
    ("seiseki", "成績証明書", "transcript"), ("mikomi", "卒業見込証明書", "expected_graduation"),
    ("shuryo", "修了証明書", "completion"), ("other", "単位修得証明書", "")])
def test_a_type_without_a_template_is_read_as_its_code_or_name_says(code: str, name_ja: str,
                                                                    template: str) -> None:
    assert default_template(code, name_ja) == template


def test_the_editor_must_choose_a_template_it_cannot_tell_and_only_a_known_one() -> None:
    unknown = {"code": "other", "name_ja": "単位修得証明書", "name_en": "Credits"}
    for document, template in ((unknown, None), ({**unknown, "template": "diploma"}, None),
                               ({**unknown, "template": "transcript"}, "transcript")):
        whole = {**DEMO_UNIV, "types": [document]}
        if template is None:
            with pytest.raises(InvalidInput) as refused:
                catalogue_from("demo-univ", whole)
            assert {(v.field, v.code) for v in refused.value.violations} == {
                ("types.0.template", "certificate_type_template")}
        else:
            assert catalogue_from("demo-univ", whole).types[0].template == template


def test_every_demo_type_has_the_template_of_its_certificate() -> None:
    for document in (DEMO_UNIV, SAKURA_UNIV):
        catalogue = catalogue_from("demo-univ", document)
        assert {t.code: t.template for t in catalogue.types} == {
            t["code"]: t["code"].removesuffix("_en") for t in document["types"]}


def test_a_stored_v1_catalogue_reads_with_templates_and_a_type_it_cannot_tell_is_not_printed() -> None:
    stored = copy.deepcopy(DEMO_UNIV)
    for kind in stored["types"]:
        del kind["template"]
    stored["types"].append({**stored["types"][0], "code": "other", "name_ja": "単位修得証明書"})
    read = make_registry().read(v1("CatalogueChanged", {"staff_id": "seed", "catalogue": stored}))
    types = {t["code"]: t for t in read.payload["catalogue"]["types"]}
    assert (read.version, types["transcript_en"]["template"], types["completion"]["template"]) == (
        2, "transcript", "completion")
    assert types["other"]["store_printing"] is False and types["transcript"]["store_printing"] is True


def test_order_placed_lines_carry_template_and_language_and_v1_lines_read_so() -> None:
    order = Order.place("order-1", "demo-univ", "account-1", Eligibility("L08001", "卒業", "学部"), "netprint",
                        "paypal", [Line("graduation_en", 1), Line("transcript", 2)],
                        catalogue_from("demo-univ", DEMO_UNIV), AT)
    placed = order.placed
    assert placed is not None
    assert [(line["template"], line["language"]) for line in placed.lines] == [("graduation", "en"),
                                                                              ("transcript", "ja")]
    old_lines = [{k: v for k, v in line.items() if k not in ("template", "language")} for line in placed.lines]
    payload = {**make_registry().schema("OrderPlaced", 2).dump(placed), "lines": old_lines}
    read = make_registry().read(v1("OrderPlaced", payload))
    assert [(line["template"], line["language"]) for line in read.payload["lines"]] == [
        ("graduation", "en"), ("transcript", "ja")]
