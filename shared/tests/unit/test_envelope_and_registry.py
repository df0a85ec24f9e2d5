from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sample_domain import Deposited, make_registry

from shomei_shared.messaging.envelope import LOADED_FIELDS, Envelope
from shomei_shared.messaging.registry import EventRegistry, InvalidEvent, UnknownEventType


def envelope(**overrides: object) -> Envelope:
    values: dict[str, object] = dict(type="Deposited", version=2, tenant_id="t1", aggregate_id="a1",
                                     aggregate_version=1, payload={"amount": 500, "currency": "JPY"})
    values.update(overrides)
    return Envelope(**values)  # type: ignore[arg-type]


def test_envelope_round_trips_through_json_with_japanese_text() -> None:
    original = envelope(payload={"amount": 1, "currency": "円"}, correlation_id="c-1")
    again = Envelope.from_json(original.to_json())
    assert again == original
    assert "円".encode() in original.to_json()


def test_envelope_refuses_naive_times_and_version_zero() -> None:
    with pytest.raises(ValueError, match="timezone"):
        envelope(occurred_at=datetime(2026, 4, 1, 10, 0))
    with pytest.raises(ValueError, match="starts at 1"):
        envelope(aggregate_version=0)


def test_caused_message_keeps_the_conversation() -> None:
    first = envelope()
    follow_up = first.caused(type="Thanked", aggregate_version=2)
    assert follow_up.correlation_id == first.message_id
    assert follow_up.causation_id == first.message_id
    assert follow_up.message_id != first.message_id
    assert follow_up.occurred_at.tzinfo == UTC


def test_v1_event_reads_as_v2_through_the_upcaster() -> None:
    registry = make_registry()
    old = envelope(version=1, payload={"amount": 700})
    current = registry.read(old)
    assert (current.version, current.payload) == (2, {"amount": 700, "currency": "JPY"})
    assert registry.to_event(old) == Deposited(amount=700, currency="JPY")


def test_invalid_payload_is_refused_with_the_field() -> None:
    with pytest.raises(InvalidEvent) as caught:
        make_registry().read(envelope(payload={"amount": "many", "currency": "JPY"}))
    assert "amount" in caught.value.errors


def test_unknown_type_and_missing_upcaster() -> None:
    registry = make_registry()
    with pytest.raises(UnknownEventType):
        registry.read(envelope(type="Nope"))
    bare = EventRegistry()
    bare.register("Deposited", 3, make_registry()._schema("Deposited", 2))
    with pytest.raises(UnknownEventType, match="no upcaster"):
        bare.read(envelope(version=2))


def test_registry_shows_what_it_holds() -> None:
    # Read by the contracts tool (shomei_devtools.contracts), which writes each schema out.
    registry = make_registry()
    assert registry.event_types == {"AccountOpened", "Deposited"}
    assert registry.versions("Deposited") == (1, 2)
    assert "currency" in registry.schema("Deposited", 2).fields
    assert (registry.event_class("Deposited"), registry.event_class("Nope")) == (Deposited, None)
    with pytest.raises(UnknownEventType):
        registry.schema("Deposited", 3)


def test_a_stored_envelope_parses_its_payload_only_when_read_and_equals_the_original() -> None:
    original = envelope(payload={"amount": 1, "currency": "円"}, correlation_id="c-1")
    row = [getattr(original, name) for name in LOADED_FIELDS[:-1]] + ['{"amount": 1, "currency": "円"}']
    stored, broken = Envelope.from_stored_rows(original.aggregate_id, [row, [*row[:-1], "not json"]])
    assert type(stored) is Envelope
    assert stored.aggregate_version == 1 and "payload" not in vars(stored)
    assert stored == original and stored.payload == {"amount": 1, "currency": "円"}
    assert stored.to_json() == original.to_json()
    assert replace(broken, payload={}).payload == {}  # replacing it never parses it
    with pytest.raises(ValueError):
        _ = broken.payload
    with pytest.raises(AttributeError):
        _ = stored.no_such_field  # type: ignore[attr-defined]
