"""The schemas of the events print-gateway publishes (its contract: the unit of work validates every
payload against them, and `python -m shomei_devtools.contracts write` writes them out under
docs/contracts/print-gateway/), and its copies of the schemas of the events it hears."""

from __future__ import annotations

from marshmallow import Schema, fields

from shomei_print_gateway.domain import events, verification
from shomei_shared.messaging.reader import EventReader
from shomei_shared.messaging.registry import EventRegistry


class ItemCreatedSchema(Schema):
    title = fields.String(required=True)


class CertificateRevokedSchema(Schema):
    certificate_id = fields.String(required=True)
    order_id = fields.String(required=True)
    staff_id = fields.String(required=True)


def make_registry() -> EventRegistry:
    registry = EventRegistry()
    registry.register_event(events.ItemCreated, ItemCreatedSchema())
    registry.register_event(verification.CertificateRevoked, CertificateRevokedSchema())
    return registry


def heard_events() -> EventReader:
    """What print-gateway hears: nothing yet (`reader.hear(heard.X, XV1())` per event, topics in
    entrypoints/consumer.py)."""
    return EventReader()
