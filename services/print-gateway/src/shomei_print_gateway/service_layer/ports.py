"""What the service layer needs of storage and the outside world; adapters provide it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from shomei_print_gateway.domain.verification import Retention
from shomei_shared.clock import Clock
from shomei_shared.uow import AbstractUnitOfWork

Row = Mapping[str, Any]


class ItemRepository(Protocol):
    def add(self, item_id: str, tenant_id: str, title: str, created_at: datetime) -> None: ...
    def get(self, item_id: str) -> Row | None: ...


class VerificationRepository(Protocol):
    """Issued certificates as verification reads them (each row with `revoked_at`, `reason` and
    `revoked_by`, None while valid), revocations and the lookup log (ADR 0036)."""

    def by_code(self, tenant_id: str, code: str) -> Row | None: ...
    def get(self, tenant_id: str, certificate_id: str) -> Row | None: ...
    def of_account(self, tenant_id: str, account_id: str) -> Sequence[Row]: ...
    def search(self, tenant_id: str, code: str | None, order_id: str | None, limit: int) -> Sequence[Row]: ...
    def revoke(self, tenant_id: str, certificate_id: str, reason: str, staff_id: str, at: datetime) -> bool: ...
    def record_lookup(self, lookup_id: str, tenant_id: str, certificate_id: str | None, at: datetime,
                      country: str | None, outcome: str) -> None: ...
    def lookups(self, tenant_id: str, certificate_ids: Sequence[str] | None, limit: int) -> Sequence[Row]: ...


class PrintGatewayUnitOfWork(AbstractUnitOfWork):
    items: ItemRepository
    verifications: VerificationRepository


@dataclass(frozen=True)
class Dependencies:
    """What the handlers need besides storage; the bootstrap chooses real or test ones."""

    clock: Clock
    new_id: Callable[[], str]
    retention: Retention = field(default_factory=Retention)  # years each university's certificates are confirmed online
