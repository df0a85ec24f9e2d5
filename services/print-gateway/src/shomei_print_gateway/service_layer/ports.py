"""What the service layer needs of storage and the outside world; adapters provide it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from shomei_shared.clock import Clock
from shomei_shared.uow import AbstractUnitOfWork

Row = Mapping[str, Any]


class ItemRepository(Protocol):
    def add(self, item_id: str, tenant_id: str, title: str, created_at: datetime) -> None: ...
    def get(self, item_id: str) -> Row | None: ...


class PrintGatewayUnitOfWork(AbstractUnitOfWork):
    items: ItemRepository


@dataclass(frozen=True)
class Dependencies:
    """What the handlers need besides storage; the bootstrap chooses real or test ones."""

    clock: Clock
    new_id: Callable[[], str]
