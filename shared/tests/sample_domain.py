"""A tiny domain for the machinery's tests: a ledger account whose deposits are events.

`Deposited` is at version 2 (the amount gained a currency); v1 events read through an upcaster.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marshmallow import Schema, fields

from shomei_shared.messages import Aggregate, Command, Event
from shomei_shared.messaging.registry import EventRegistry


@dataclass(frozen=True)
class Opened(Event):
    event_type = "AccountOpened"
    owner: str


@dataclass(frozen=True)
class Deposited(Event):
    event_type = "Deposited"
    event_version = 2
    amount: int
    currency: str


class Account(Aggregate):
    topic = "test.account"

    def __init__(self, aggregate_id: str, tenant_id: str = "") -> None:
        super().__init__(aggregate_id, tenant_id)
        self.owner = ""
        self.balance = 0

    @classmethod
    def open(cls, aggregate_id: str, tenant_id: str, owner: str) -> Account:
        account = cls(aggregate_id, tenant_id)
        account.record(Opened(owner=owner))
        return account

    def deposit(self, amount: int) -> None:
        if amount <= 0:
            raise ValueError("deposits are positive")
        self.record(Deposited(amount=amount, currency="JPY"))

    def apply_Opened(self, event: Opened) -> None:
        self.owner = event.owner

    def apply_Deposited(self, event: Deposited) -> None:
        self.balance += event.amount


@dataclass(frozen=True)
class OpenAccount(Command):
    account_id: str
    owner: str


@dataclass(frozen=True)
class Deposit(Command):
    account_id: str
    amount: int


class OpenedSchema(Schema):
    owner = fields.String(required=True)


class DepositedV1Schema(Schema):
    amount = fields.Integer(required=True)


class DepositedSchema(Schema):
    amount = fields.Integer(required=True, strict=True)
    currency = fields.String(required=True)


def make_registry() -> EventRegistry:
    registry = EventRegistry()
    registry.register_event(Opened, OpenedSchema())
    registry.register("Deposited", 1, DepositedV1Schema())
    registry.register_event(Deposited, DepositedSchema())

    @registry.upcaster("Deposited", 1)
    def _add_currency(payload: dict[str, Any]) -> dict[str, Any]:
        return {**payload, "currency": "JPY"}  # every v1 deposit was in yen

    return registry
