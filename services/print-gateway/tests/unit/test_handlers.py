"""print-gateway's handlers on fakes: the service built from its handler tables, as the bootstrap
builds it, with an in-memory unit of work and a clock tests set."""

from __future__ import annotations

from datetime import datetime

import pytest

from shomei_print_gateway.adapters.event_schemas import heard_events, make_registry
from shomei_print_gateway.entrypoints.messages import CATALOGUE
from shomei_print_gateway.service_layer.commands import CreateItem
from shomei_print_gateway.service_layer.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from shomei_print_gateway.service_layer.ports import Dependencies, PrintGatewayUnitOfWork, Row
from shomei_shared.clock import FakeClock
from shomei_shared.errors import InvalidInput
from shomei_shared.service import Service, build_service
from shomei_shared.uow import FakeUnitOfWork


class FakeItemRepository:
    def __init__(self) -> None:
        self.rows: dict[str, Row] = {}

    def add(self, item_id: str, tenant_id: str, title: str, created_at: datetime) -> None:
        self.rows[item_id] = {"id": item_id, "tenant_id": tenant_id, "title": title, "created_at": created_at}

    def get(self, item_id: str) -> Row | None:
        return self.rows.get(item_id)


class FakePrintGatewayUnitOfWork(FakeUnitOfWork, PrintGatewayUnitOfWork):
    items: FakeItemRepository

    def __init__(self) -> None:
        super().__init__(make_registry())
        self.items = FakeItemRepository()


@pytest.fixture
def uow() -> FakePrintGatewayUnitOfWork:
    return FakePrintGatewayUnitOfWork()


@pytest.fixture
def service(uow: FakePrintGatewayUnitOfWork) -> Service[PrintGatewayUnitOfWork]:
    ids = iter(f"item-{n}" for n in range(1, 100))
    deps = Dependencies(clock=FakeClock(), new_id=lambda: next(ids))
    return build_service("print-gateway", unit_of_work=lambda _connection: uow, commands=COMMAND_HANDLERS,
                         events=EVENT_HANDLERS, dependencies={"deps": deps}, heard=heard_events())


def test_creating_an_item_stores_it_and_records_item_created(service: Service[PrintGatewayUnitOfWork],
                                                             uow: FakePrintGatewayUnitOfWork) -> None:
    item_id = service.handle(CreateItem(tenant_id="demo-univ", title="  First  "))

    assert uow.items.rows[item_id]["title"] == "First"
    [envelope] = uow.store.load(item_id)
    assert (envelope.type, envelope.tenant_id, envelope.payload) == ("ItemCreated", "demo-univ", {"title": "First"})
    assert envelope.correlation_id and envelope.causation_id


@pytest.mark.parametrize(("title", "code"), [("   ", "required"), ("x" * 101, "title_too_long")])
def test_a_bad_title_is_refused_with_a_code_the_catalogue_words(
        service: Service[PrintGatewayUnitOfWork], uow: FakePrintGatewayUnitOfWork, title: str, code: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        service.handle(CreateItem(tenant_id="demo-univ", title=title))

    assert (refused.value.first.field, refused.value.first.code) == ("title", code)
    assert code in CATALOGUE
    assert uow.items.rows == {} and uow.store.log == []
