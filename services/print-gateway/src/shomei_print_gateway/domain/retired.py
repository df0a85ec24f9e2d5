"""The skeleton's example aggregate, retired: main published its ItemCreated on `print-gateway.item`
before print-gateway's domain replaced it. Nothing records it now; it stays so that the event's
published contract keeps its topic and schema (ADR 0017)."""

from __future__ import annotations

from shomei_print_gateway.domain.events import ItemCreated
from shomei_shared.messages import Aggregate


class RetiredItem(Aggregate):
    topic = "print-gateway.item"

    def apply_ItemCreated(self, event: ItemCreated) -> None:
        """Nothing to fold: no item is kept."""
