"""Events of print-gateway's aggregates: facts in the past tense, published on the aggregate's topic.
Their schemas (the published contract) are in adapters/event_schemas.py."""

from __future__ import annotations

from dataclasses import dataclass

from shomei_shared.messages import Event


@dataclass(frozen=True)
class ItemCreated(Event):
    event_type = "ItemCreated"
    title: str
