"""The events identity hears from other services, as identity reads them (its own copy of the
published contract, docs/contracts/; services never import each other)."""

from __future__ import annotations

from dataclasses import dataclass

from shomei_shared.messages import Event


@dataclass(frozen=True)
class ApplicationApproved(Event):
    """enrollment.application: a registration (or a further student number) was approved."""

    event_type = "ApplicationApproved"
    tenant_id: str
    aggregate_id: str  # the application
    email: str
    locale: str
    kind: str
