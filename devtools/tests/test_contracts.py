"""The contract tool on a small made-up producer and consumer: what each check reports, so the
rules are shown failing here even while every real event is at version 1."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from marshmallow import Schema, fields, validate

from shomei_devtools.contracts import build, checks
from shomei_devtools.contracts.discovery import Consumer, Producer, Services
from shomei_devtools.contracts.documents import Committed, Contract, read_contracts
from shomei_devtools.contracts.samples import UNKNOWN_FIELD, NoSample, payloads
from shomei_devtools.contracts.schemas import payload_schema
from shomei_shared.messages import Event
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.messaging.reader import EventReader
from shomei_shared.messaging.registry import EventRegistry


@dataclass(frozen=True)
class Paid(Event):
    event_type = "Paid"
    amount: int
    email: str


@dataclass(frozen=True)
class PaidV2(Event):
    event_type = "Paid"
    event_version = 2
    amount: int
    email: str
    currency: str


class PaidSchemaV1(Schema):
    amount = fields.Integer(required=True, strict=True)
    email = fields.Email(required=True)


class PaidSchemaV2(PaidSchemaV1):
    currency = fields.String(required=True, validate=validate.OneOf(["JPY", "USD"]))


def producer(*schemas: tuple[type[Event], Schema], upcast: bool = False) -> Producer:
    registry = EventRegistry()
    for event_class, schema in schemas:
        registry.register_event(event_class, schema)
    if upcast:
        registry.upcaster("Paid", 1)(lambda payload: {**payload, "currency": "JPY"})
    return Producer("shop", registry, {"Paid": "shop.payment"})


def contracts_of(shop: Producer) -> dict[str, Contract]:
    return build.generate(Services([shop], []))


def consumer(schema: Schema, version: int = 1) -> Consumer:
    reader = EventReader()
    reader.hear(Paid, schema, version=version, factory=lambda envelope: Paid(**{
        k: envelope.payload[k] for k in ("amount", "email")}))
    return Consumer("ledger", reader)


def test_payload_schema_states_required_types_formats_nullability_and_enums() -> None:
    class Everything(Schema):
        at = fields.AwareDateTime(required=True)
        email = fields.Email(required=True)
        link = fields.Url(required=True, require_tld=False)
        note = fields.String(allow_none=True, load_default=None)
        kind = fields.String(required=True, validate=validate.OneOf(["a", "b"]))
        names = fields.List(fields.String(), required=True, data_key="fields")

    converted = payload_schema(Everything())
    assert converted["required"] == ["at", "email", "fields", "kind", "link"]
    assert converted["properties"] == {
        "at": {"type": "string", "format": "date-time"},
        "email": {"type": "string", "format": "email"},
        "link": {"type": "string", "format": "uri"},
        "note": {"type": ["string", "null"], "default": None},
        "kind": {"type": "string", "enum": ["a", "b"]},
        "fields": {"type": "array", "items": {"type": "string"}},
    }
    assert "additionalProperties" not in converted


def test_samples_cover_required_only_every_property_nulls_and_each_enum_value() -> None:
    schema = {"properties": {"kind": {"type": "string", "enum": ["a", "b"]},
                             "note": {"type": ["string", "null"]},
                             "at": {"type": "string", "format": "date-time"}},
              "required": ["kind", "at"]}
    made = dict(payloads(schema))
    assert made["required properties only"] == {"kind": "a", "at": "2026-04-01T09:30:00+00:00"}
    assert made["every property"]["note"] == "sample"
    assert made["note null"]["note"] is None
    assert made["kind = 'b'"]["kind"] == "b"


def test_a_schema_changed_in_place_is_stale_and_asks_for_the_next_version() -> None:
    published = contracts_of(producer((Paid, PaidSchemaV1())))
    changed = Services([producer((Paid, PaidSchemaV2()))], [])
    problems = checks.stale(changed, published)
    assert any("+currency" in p and "register Paid v2 with an upcaster from v1" in p for p in problems), problems


def test_a_committed_file_that_changed_is_reported() -> None:
    first = contracts_of(producer((Paid, PaidSchemaV1())))
    now = contracts_of(producer((Paid, PaidSchemaV2())))
    committed = {path: Committed("abc1234567", c.document()) for path, c in first.items()}
    assert checks.rewritten(first, committed) == []
    [problem] = checks.rewritten(now, committed)
    assert "shop/Paid.v1.json changed since it was published in abc1234567" in problem


def test_write_never_rewrites_a_committed_version(tmp_path: Path) -> None:
    build.write(Services([producer((Paid, PaidSchemaV1()))], []), None, tmp_path)
    path = "shop/Paid.v1.json"
    outcome = build.write(Services([producer((Paid, PaidSchemaV2()))], []),
                          {path: Committed("abc", {})}, tmp_path)
    assert outcome.refused == [path]
    assert "currency" not in json.loads((tmp_path / "docs/contracts" / path).read_text())["payload"]["properties"]


def test_an_older_version_must_upcast_to_the_newest() -> None:
    published = {**contracts_of(producer((Paid, PaidSchemaV1()))), **contracts_of(producer((PaidV2, PaidSchemaV2())))}
    [problem] = checks.missing_upcasts(producer((PaidV2, PaidSchemaV2())), published)
    assert "shop/Paid.v1.json" in problem and "no upcaster for Paid v1" in problem
    assert checks.missing_upcasts(producer((PaidV2, PaidSchemaV2()), upcast=True), published) == []


def test_a_consumer_must_read_every_shape_the_contract_allows() -> None:
    published = contracts_of(producer((Paid, PaidSchemaV1())))
    assert checks.unreadable(consumer(PaidSchemaV1()), published) == []

    class WantsNote(PaidSchemaV1):
        note = fields.String(required=True)

    [missing] = [p for p in checks.unreadable(consumer(WantsNote()), published) if "requires note" in p]
    assert "shop does not send it" in missing

    class WantsSmallAmounts(PaidSchemaV1):
        amount = fields.Integer(required=True, validate=validate.Range(max=0))

    assert any("cannot read shop/Paid.v1.json" in p
               for p in checks.unreadable(consumer(WantsSmallAmounts()), published))


def test_a_consumer_behind_the_producers_newest_version_is_reported() -> None:
    published = contracts_of(producer((PaidV2, PaidSchemaV2())))
    [problem] = checks.unreadable(consumer(PaidSchemaV1()), published)
    assert "ledger reads Paid up to v1, but shop publishes v2" in problem


def test_every_shape_carries_a_field_the_consumer_does_not_know() -> None:
    sent: list[dict[str, Any]] = []

    class Recording(EventReader):
        def read(self, envelope: Envelope) -> Event | None:
            sent.append(envelope.payload)
            return super().read(envelope)

    reader = Recording()
    reader.hear(Paid, PaidSchemaV1())
    assert checks.unreadable(Consumer("ledger", reader), contracts_of(producer((Paid, PaidSchemaV1())))) == []
    assert sent and all(UNKNOWN_FIELD in payload for payload in sent)


def test_contract_files_round_trip(tmp_path: Path) -> None:
    build.write(Services([producer((Paid, PaidSchemaV1()))], []), None, tmp_path)
    assert read_contracts(tmp_path) == contracts_of(producer((Paid, PaidSchemaV1())))


def test_a_known_pattern_gets_a_matching_sample_and_an_unknown_one_none() -> None:
    schema = {"type": "object", "required": ["number"],
              "properties": {"number": {"type": "string", "pattern": "^[0-9]{13}$"}}}
    shown = [payload["number"] for _, payload in payloads(schema)]
    assert shown and set(shown) == {"1234567890123"}
    with pytest.raises(NoSample):
        list(payloads({**schema, "properties": {"number": {"type": "string", "pattern": "^[a-z]{3}$"}}}))
