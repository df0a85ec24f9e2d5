"""The example's repository, on the unit of work's connection."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert, select

from shomei_print_gateway.adapters.tables import items
from shomei_print_gateway.service_layer.ports import Row


class SqlItemRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, item_id: str, tenant_id: str, title: str, created_at: datetime) -> None:
        self._connection.execute(insert(items).values(id=item_id, tenant_id=tenant_id, title=title,
                                                      created_at=created_at))

    def get(self, item_id: str) -> Row | None:
        row = self._connection.execute(select(items).where(items.c.id == item_id)).mappings().first()
        return dict(row) if row is not None else None
