"""What the notifier hears: any event a person should hear about, routed to mails by its type
(domain/routing.py). One event class serves every type, because the notifier reacts to all of
them the same way: plan the mails its route names from the facts in its payload."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shomei_shared.messages import Event


@dataclass(frozen=True)
class EventHeard(Event):
    type: str
    tenant_id: str
    aggregate_id: str
    message_id: str  # the delivery log keys each mail by it: a redelivered event mails nobody twice
    correlation_id: str | None
    payload_values: Mapping[str, Any]
