"""Commands: what callers ask print-gateway to do."""

from __future__ import annotations

from dataclasses import dataclass

from shomei_shared.messages import Command


@dataclass(frozen=True)
class CreateItem(Command):
    tenant_id: str
    title: str
