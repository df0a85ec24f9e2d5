"""The console's PrintOrdersApi: the same cases against its fake (services/admin/tests/
print_order_fakes.py) and its HTTP adapter talking to the real print-gateway on real PostgreSQL
(issue 10), so the console's print screens tested on the fake say something about the real
service. Orders reach print-gateway as its consumer hands them over (OrderPlaced, OrderPaid) and
fail in its real submission round (no academic record: record_not_found).

A test of the suite, not of one service: it is the one place allowed to read both sides."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

import pytest
from certificate_rows import insert_certificate
from print_order_fakes import FakePrintOrders
from sqlalchemy import Engine
from staff_served import served_for_staff

from shomei_admin.adapters.print_orders_http import HttpPrintOrders
from shomei_admin.service_layer.ports import StaffSession, UpstreamError
from shomei_admin.service_layer.print_orders import PrintOrdersApi
from shomei_print_gateway.adapters.academic_records import FakeAcademicRecords
from shomei_print_gateway.adapters.rendering import PdfRenderer
from shomei_print_gateway.bootstrap import bootstrap
from shomei_print_gateway.domain import heard
from shomei_print_gateway.domain.certificate import AcademicRecord, Issuer
from shomei_print_gateway.service_layer.commands import RecordPrinted, SubmitDueOrders, WithdrawReversedOrders
from shomei_print_gateway.service_layer.ports import (
    Dependencies,
    PrintGatewayUnitOfWork,
    Submitted,
    Upload,
)
from shomei_shared.clock import FakeClock
from shomei_shared.service import Service

NOW = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)
TENANT, OTHER = "demo-univ", "sakura-univ"
AUDITOR = StaffSession("staff-1", TENANT, "auditor@demo-univ.example", ("auditor",))
REGISTRAR = StaffSession("staff-2", TENANT, "registrar@demo-univ.example", ("registrar",))
OTHER_REGISTRAR = StaffSession("staff-3", OTHER, "registrar@sakura-univ.example", ("registrar",))


class Ordering(Protocol):
    def waiting(self, tenant: str, order_id: str) -> str: ...
    def failed(self, tenant: str, order_id: str, reason: str = ...) -> str: ...
    def issued(self, tenant: str, order_id: str, *, printed: int = ..., alert: str | None = ...) -> str: ...
    def issued_pages(self, tenant: str, kind: str, language: str, *pages: int) -> None: ...


@dataclass
class Console:
    api: PrintOrdersApi
    ordering: Ordering
    acting: list[StaffSession]

    def as_staff(self, member: StaffSession) -> StaffSession:
        self.acting[0] = member
        return member


class Accepting:
    """A provider that takes every upload (netprint's shape: a number per document, AB000001 on);
    the store-print simulators are print-gateway's own tests' (services/print-gateway/tests)."""

    name, per_document = "netprint", True

    def __init__(self) -> None:
        self.numbers: list[str] = []

    def submit(self, uploads: Sequence[Upload], expires_at: datetime) -> Submitted:
        number = f"AB{len(self.numbers) + 1:06d}"
        self.numbers.append(number)
        return Submitted(number, [f"doc-{number}"])

    def withdraw(self, number: str) -> None:
        self.numbers.remove(number)

    def find(self, file_name: str) -> str | None:
        return None


# Whole, as the renderer needs it for a graduation certificate; only account-issued has one.
RECORD = AcademicRecord("L08001", "佐藤 花子", "SATO Hanako", date(2000, 5, 1), "卒業", "学部", "文学部",
                        "Faculty of Letters", "史学科", "History", degree_ja="学士（文学）",
                        degree_en="Bachelor of Arts", admitted_on=date(2018, 4, 1), graduated_on=date(2022, 3, 25))
ISSUER = Issuer(TENANT, "証明大学", "Shomei University", "学長", "President", "山田 一郎", "Ichiro Yamada")


@dataclass
class RealOrdering:
    service: Service[PrintGatewayUnitOfWork]
    engine: Engine

    def waiting(self, tenant: str, order_id: str, account_id: str = "account-1", copies: int = 1) -> str:
        self.service.handle(heard.OrderPlaced(
            tenant_id=tenant, aggregate_id=order_id, account_id=account_id, student_number="L08001",
            print_channel="netprint", lines=[{"type": "graduation", "name_ja": "卒業証明書",
                                              "name_en": "Certificate of Graduation", "copies": copies, "pages": 1,
                                              "template": "graduation", "language": "ja"}],
            deadline=NOW + timedelta(days=7), ends_at=NOW + timedelta(days=7, seconds=1)))
        self.service.handle(heard.OrderPaid(tenant_id=tenant, aggregate_id=order_id, payment_id="pay-1",
                                            paid_at=NOW))
        return order_id

    def failed(self, tenant: str, order_id: str, reason: str = "record_not_found") -> str:
        assert reason == "record_not_found"  # account-1 has no academic record
        self.waiting(tenant, order_id)
        self.service.handle(SubmitDueOrders())
        return order_id

    def issued(self, tenant: str, order_id: str, *, printed: int = 0, alert: str | None = None) -> str:
        """Two copies at netprint; `printed` of them printed at the store; `alert`: the payment taken back then."""
        self.waiting(tenant, order_id, "account-issued", copies=2)
        self.service.handle(SubmitDueOrders())
        for n in range(1, printed + 1):
            number = f"AB{n:06d}"
            self.service.handle(RecordPrinted("netprint", number, f"doc-{number}", NOW))
        if alert:
            self.service.handle(heard.OrderPaymentReversed(tenant_id=tenant, aggregate_id=order_id,
                                                           payment_id="pay-1", amount=1500, reversed_at=NOW,
                                                           reason="quick_cancelled"))
            self.service.handle(WithdrawReversedOrders())
        return order_id

    def issued_pages(self, tenant: str, kind: str, language: str, *pages: int) -> None:
        """Certificates as issuing leaves them, a day ago, each of these pages (rendering's count)."""
        for count in pages:
            insert_certificate(self.engine, tenant, kind=kind, language=language, pages=count,
                               issued_on=(NOW - timedelta(days=1)).date(), issued_at=NOW - timedelta(days=1))


@pytest.fixture
def real(new_database: Callable[[str], str]) -> Iterator[Console]:
    acting = [AUDITOR]

    def build(engine: Engine, clock: FakeClock) -> Service[PrintGatewayUnitOfWork]:
        records = FakeAcademicRecords()
        records.add(TENANT, "account-issued", RECORD, ISSUER)
        return bootstrap(engine, Dependencies(clock=clock, new_id=lambda: str(uuid.uuid4())), records=records,
                         renderer=PdfRenderer(), providers={"netprint": Accepting(), "sharpprint": Accepting()})

    def member() -> tuple[str, str, tuple[str, ...]]:
        return acting[0].tenant_id, acting[0].staff_id, acting[0].roles

    with served_for_staff(new_database, NOW, build, member) as (client, service, engine, _):
        yield Console(HttpPrintOrders(client), RealOrdering(service, engine), acting)


@pytest.fixture(params=["fake", "http"])
def console(request: pytest.FixtureRequest) -> Console:
    if request.param == "fake":
        fake = FakePrintOrders(now=NOW)
        return Console(fake, fake, [AUDITOR])
    found: Console = request.getfixturevalue("real")
    return found


def test_orders_are_listed_by_state_with_the_reason(console: Console) -> None:
    console.ordering.failed(TENANT, "order-failed")
    console.ordering.failed(OTHER, "order-other")
    console.ordering.waiting(TENANT, "order-waiting")  # after the rounds that fail the others
    member = console.as_staff(AUDITOR)
    assert sorted((o.order_id, o.state, o.failure_reason) for o in console.api.print_orders(member, "")) == [
        ("order-failed", "failed", "record_not_found"), ("order-waiting", "due", None)]
    [failed] = console.api.print_orders(member, "failed")
    assert (failed.order_id, failed.provider, failed.print_channel) == ("order-failed", "netprint", "netprint")
    assert [o.order_id for o in console.api.print_orders(member, "waiting")] == ["order-waiting"]
    assert console.api.print_orders(member, "issued") == [] and console.api.print_orders(member, "expired") == []
    assert console.api.alerts(member) == 1
    with pytest.raises(UpstreamError) as missing:
        console.api.print_order(member, "order-other")
    assert missing.value.status == 404


def test_a_failed_order_is_retried_once_by_a_registrar(console: Console) -> None:
    console.ordering.failed(TENANT, "order-7")
    with pytest.raises(UpstreamError) as not_allowed:
        console.api.retry(console.as_staff(AUDITOR), "order-7")
    assert not_allowed.value.status == 403
    registrar = console.as_staff(REGISTRAR)
    assert console.api.retry(registrar, "order-7") == "queued"
    assert console.api.retry(registrar, "order-7") == "already"  # the double click
    detail = console.api.print_order(registrar, "order-7")
    assert (detail.summary.state, detail.summary.failure_reason, detail.summary.attempts) == ("due", None, 0)
    assert [(e.what, e.staff_id, e.reason) for e in detail.history] == [
        ("PrintReservationFailed", "", "record_not_found"), ("PrintRetryRequested", "staff-2", "")]
    assert (detail.copies, detail.copies_printed, detail.reservations) == (0, 0, ())
    assert console.api.alerts(registrar) == 0
    with pytest.raises(UpstreamError) as foreign:
        console.api.retry(console.as_staff(OTHER_REGISTRAR), "order-7")
    assert foreign.value.status == 404


def test_an_issued_order_shows_its_numbers_copies_printed_and_a_payment_taken_back(console: Console) -> None:
    console.ordering.issued(TENANT, "order-9", printed=1, alert="paid_back_after_print")
    member = console.as_staff(AUDITOR)
    detail = console.api.print_order(member, "order-9")
    assert (detail.summary.state, detail.summary.alert, detail.summary.provider) == (
        "withdrawn", "paid_back_after_print", "netprint")
    assert (detail.copies, detail.copies_printed) == (2, 1)
    assert [(r.number, r.state, [(c.title, c.copy_number, c.pages, c.printed) for c in r.copies])
            for r in detail.reservations] == [("AB000001", "submitted", [("卒業証明書", 1, 1, True)]),
                                              ("AB000002", "deleted", [("卒業証明書", 2, 1, False)])]
    assert [e.what for e in detail.history] == [
        "PrintReservationIssued", "CertificatePrinted", "PrintReservationWithdrawn"]
    assert [o.order_id for o in console.api.print_orders(member, "issued")] == ["order-9"]
    assert [o.order_id for o in console.api.print_orders(member, "failed")] == ["order-9"]  # the alert
    assert console.api.alerts(member) == 1


def test_the_pages_certificates_ran_to_are_counted_per_template_and_language(console: Console) -> None:
    console.ordering.issued_pages(TENANT, "transcript", "ja", 2, 3, 4, 4)
    console.ordering.issued_pages(TENANT, "graduation", "en", 1)
    console.ordering.issued_pages(OTHER, "transcript", "ja", 9)
    observed = console.api.observed_pages(console.as_staff(AUDITOR))
    assert [(o.kind, o.language, o.certificates, o.least, o.median, o.most, o.days) for o in observed] == [
        ("graduation", "en", 1, 1, 1.0, 1, 90), ("transcript", "ja", 4, 2, 3.5, 4, 90)]
    assert (observed[1].suggested, observed[1].above(3), observed[1].above(4)) == (4, True, False)
    assert [(o.kind, o.median) for o in console.api.observed_pages(console.as_staff(OTHER_REGISTRAR))] == [
        ("transcript", 9.0)]
