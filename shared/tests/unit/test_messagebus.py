from __future__ import annotations

from typing import Any

import pytest
from sample_domain import Account, Deposit, Deposited, OpenAccount, Opened, make_registry

from shomei_shared.eventstore.errors import ConcurrencyError
from shomei_shared.messagebus import MessageBus
from shomei_shared.uow import AbstractUnitOfWork, FakeUnitOfWork


def open_account(command: OpenAccount, uow: AbstractUnitOfWork) -> None:
    with uow:
        uow.add(Account.open(command.account_id, "tenant-1", command.owner))
        uow.commit()


def deposit(command: Deposit, uow: AbstractUnitOfWork) -> int:
    with uow:
        account = uow.get(Account, command.account_id)
        account.deposit(command.amount)
        uow.commit()
        return account.balance


def bus_with(uow: FakeUnitOfWork, **extra: Any) -> MessageBus:
    handlers: dict[type, Any] = {OpenAccount: open_account, Deposit: deposit}
    return MessageBus(uow, handlers, extra.get("events", {}))


def test_command_events_are_stored_with_versions_and_dispatched() -> None:
    uow = FakeUnitOfWork(make_registry())
    seen: list[object] = []
    bus = bus_with(uow, events={Opened: [lambda e, _: seen.append(e)], Deposited: [lambda e, _: seen.append(e)]})
    bus.handle(OpenAccount("acc-1", "山田 太郎"))
    assert bus.handle(Deposit("acc-1", 500)) == 500
    stream = uow.store.load("acc-1")
    assert [(e.type, e.aggregate_version, e.tenant_id) for e in stream] == [
        ("AccountOpened", 1, "tenant-1"), ("Deposited", 2, "tenant-1")]
    assert seen == [Opened(owner="山田 太郎"), Deposited(amount=500, currency="JPY")]


def test_failed_command_writes_nothing() -> None:
    uow = FakeUnitOfWork(make_registry())
    bus = bus_with(uow)
    bus.handle(OpenAccount("acc-1", "owner"))
    with pytest.raises(ValueError):
        bus.handle(Deposit("acc-1", -5))
    assert len(uow.store.log) == 1


def test_concurrency_error_is_retried_then_raised() -> None:
    attempts: list[int] = []

    def always_conflicts(command: Deposit, uow: AbstractUnitOfWork) -> None:
        attempts.append(1)
        raise ConcurrencyError("busy")

    bus = MessageBus(FakeUnitOfWork(make_registry()), {Deposit: always_conflicts}, {}, concurrency_retries=3)
    with pytest.raises(ConcurrencyError):
        bus.handle(Deposit("x", 1))
    assert len(attempts) == 3


def test_a_failing_reaction_does_not_stop_the_others() -> None:
    uow = FakeUnitOfWork(make_registry())
    seen: list[object] = []

    def broken(event: Opened, uow: AbstractUnitOfWork) -> None:
        raise RuntimeError("boom")

    bus = bus_with(uow, events={Opened: [broken, lambda e, _: seen.append(e)]})
    bus.handle(OpenAccount("acc-2", "owner"))
    assert seen == [Opened(owner="owner")]


class SnapshottingAccount(Account):
    def restore_snapshot(self, state: bytes) -> None:
        self.owner, balance = state.decode().split("|")
        self.balance = int(balance)


def test_an_aggregate_with_a_snapshot_replays_only_later_events() -> None:
    uow = FakeUnitOfWork(make_registry())
    bus = bus_with(uow)
    bus.handle(OpenAccount("acc-s", "owner"))
    bus.handle(Deposit("acc-s", 100))
    uow.store.save_snapshot("acc-s", 2, b"snap-owner|1000")
    bus.handle(Deposit("acc-s", 5))
    with uow:
        account = uow.get(SnapshottingAccount, "acc-s")
    assert (account.owner, account.balance, account.version) == ("snap-owner", 1005, 3)
