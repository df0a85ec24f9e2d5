"""The skeleton's example aggregate: replace it with print-gateway's own.

Its state is the fold of its events (`apply_<EventClass>`); its rules raise codes, never
sentences (entrypoints/messages.py words each code).
"""

from __future__ import annotations

from shomei_print_gateway.domain.events import ItemCreated
from shomei_shared.errors import InvalidInput
from shomei_shared.messages import Aggregate

TITLE_MAX = 100


class Item(Aggregate):
    topic = "print-gateway.item"  # listed in topics.txt

    def __init__(self, aggregate_id: str, tenant_id: str = "") -> None:
        super().__init__(aggregate_id, tenant_id)
        self.title = ""

    @classmethod
    def create(cls, item_id: str, tenant_id: str, title: str) -> Item:
        title = title.strip()
        if not title:
            raise InvalidInput.one("required", "title")
        if len(title) > TITLE_MAX:
            raise InvalidInput.one("title_too_long", "title", max=TITLE_MAX)
        item = cls(item_id, tenant_id)
        item.record(ItemCreated(title=title))
        return item

    def apply_ItemCreated(self, event: ItemCreated) -> None:
        self.title = event.title
