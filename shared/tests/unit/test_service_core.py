"""The service core: handlers bound by name, heard events read one way, causes on every event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from marshmallow import Schema, fields
from sample_domain import Account, Deposit, Deposited, OpenAccount, Opened, make_registry

from shomei_shared.errors import InvalidInput, Violation, Violations
from shomei_shared.messagebus import inject
from shomei_shared.messages import Event
from shomei_shared.messaging.cause import Cause
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.messaging.reader import EventReader
from shomei_shared.messaging.registry import UnknownEventType
from shomei_shared.service import build_service
from shomei_shared.uow import AbstractUnitOfWork, FakeUnitOfWork


@dataclass(frozen=True)
class PaymentArrived(Event):
    """Heard from another service (our own copy of its contract)."""

    event_type = "PaymentArrived"
    event_version = 2
    tenant_id: str
    aggregate_id: str
    occurred_at: datetime
    amount: int
    currency: str


class PaymentArrivedV2(Schema):
    amount = fields.Integer(required=True)
    currency = fields.String(required=True)


class PaymentArrivedV1(Schema):
    amount = fields.Integer(required=True)


def reader() -> EventReader:
    heard = EventReader()
    heard.hear(PaymentArrived, PaymentArrivedV2())
    heard.registry.register("PaymentArrived", 1, PaymentArrivedV1())

    @heard.upcaster("PaymentArrived", 1)
    def _yen(payload: dict[str, Any]) -> dict[str, Any]:
        return {**payload, "currency": "JPY"}

    return heard


def open_account(command: OpenAccount, uow: AbstractUnitOfWork, *, default_tenant: str) -> None:
    with uow:
        uow.add(Account.open(command.account_id, default_tenant, command.owner))
        uow.commit()


def deposit(command: Deposit, uow: AbstractUnitOfWork) -> None:
    with uow:
        uow.get(Account, command.account_id).deposit(command.amount)
        uow.commit()


def credit_payment(event: PaymentArrived, uow: AbstractUnitOfWork) -> None:
    with uow:
        uow.get(Account, event.aggregate_id).deposit(event.amount)
        uow.commit()


def open_on_first_deposit_notice(event: Opened, uow: AbstractUnitOfWork) -> None:
    if event.owner.startswith("after"):
        return  # the follow-up's own Opened: no chain without end
    with uow:
        uow.add(Account.open("follow-up", "t-1", f"after {event.owner}"))
        uow.commit()


def make(store_uow: FakeUnitOfWork, events: dict[type[Event], list[Any]] | None = None) -> Any:
    return build_service(
        "sample", unit_of_work=lambda _connection: store_uow,
        commands={OpenAccount: open_account, Deposit: deposit},
        events={PaymentArrived: [credit_payment], **(events or {})},
        dependencies={"default_tenant": "t-1"}, heard=reader(),
    )


def envelope(version: int, payload: dict[str, Any], **extra: Any) -> Envelope:
    return Envelope(type="PaymentArrived", version=version, tenant_id="t-1", aggregate_id="acc-1",
                    aggregate_version=1, payload=payload, **extra)


def test_handlers_get_the_dependencies_they_name_and_a_missing_one_fails_at_start() -> None:
    assert inject(open_account, {"default_tenant": "x", "unused": 1}).keywords == {"default_tenant": "x"}
    with pytest.raises(LookupError, match="default_tenant"):
        inject(open_account, {})


def test_a_heard_event_without_a_handler_stops_the_bootstrap() -> None:
    with pytest.raises(LookupError, match="PaymentArrived"):
        build_service("sample", unit_of_work=lambda _c: FakeUnitOfWork(make_registry()), commands={},
                      heard=reader())


def test_a_command_s_events_carry_the_request_s_correlation_as_cause() -> None:
    uow = FakeUnitOfWork(make_registry())
    make(uow).handle(OpenAccount("acc-1", "owner"), cause=Cause("req-1", "req-1"))
    [stored] = uow.store.load("acc-1")
    assert (stored.correlation_id, stored.causation_id) == ("req-1", "req-1")


def test_a_heard_event_is_upcast_tolerant_of_unknown_fields_and_causes_what_follows() -> None:
    uow = FakeUnitOfWork(make_registry())
    service = make(uow)
    service.handle(OpenAccount("acc-1", "owner"), cause=Cause("req-1", "req-1"))
    heard = envelope(1, {"amount": 300, "added_later": "ignored"}, correlation_id="req-1")
    service.consume(heard, connection=None)  # type: ignore[arg-type]
    _opened, deposited = uow.store.load("acc-1")
    assert (deposited.type, deposited.payload) == ("Deposited", {"amount": 300, "currency": "JPY"})
    assert (deposited.correlation_id, deposited.causation_id) == ("req-1", heard.message_id)


def test_unheard_types_are_skipped_and_newer_versions_refused() -> None:
    uow = FakeUnitOfWork(make_registry())
    service = make(uow)
    other = Envelope(type="SomethingElse", version=1, tenant_id="t", aggregate_id="a", aggregate_version=1,
                     payload={})
    service.consume(other, connection=None)  # type: ignore[arg-type]
    with pytest.raises(UnknownEventType):
        service.consume(envelope(3, {"amount": 1, "currency": "JPY"}), connection=None)  # type: ignore[arg-type]


def test_follow_up_events_name_the_event_that_caused_them() -> None:
    uow = FakeUnitOfWork(make_registry())
    service = make(uow, events={Opened: [open_on_first_deposit_notice]})
    service.handle(OpenAccount("acc-1", "owner"), cause=Cause("req-9", "req-9"))
    [first] = uow.store.load("acc-1")
    [follow_up] = uow.store.load("follow-up")
    assert (follow_up.correlation_id, follow_up.causation_id) == ("req-9", first.message_id)


def test_without_a_cause_the_current_correlation_id_is_used() -> None:
    from shomei_shared.logs import correlation

    uow = FakeUnitOfWork(make_registry())
    with correlation("from-the-web"):
        make(uow).handle(OpenAccount("acc-1", "owner"))
    [stored] = uow.store.load("acc-1")
    assert (stored.correlation_id, stored.causation_id) == ("from-the-web", "from-the-web")


def test_violations_collect_codes_with_params_not_sentences() -> None:
    found = Violations()
    found.required("name")
    found.add("too_long", "note", max=200)
    with pytest.raises(InvalidInput) as raised:
        found.raise_if_any()
    assert raised.value.violations == (Violation("required", "name"), Violation("too_long", "note", {"max": 200}))


def test_deposited_handlers_see_typed_events() -> None:
    seen: list[Event] = []
    uow = FakeUnitOfWork(make_registry())
    service = make(uow, events={Deposited: [lambda e, _u: seen.append(e)]})
    service.handle(OpenAccount("acc-1", "o"))
    service.handle(Deposit("acc-1", 5))
    assert seen == [Deposited(amount=5, currency="JPY")]
