"""The console's CertificatesApi: the same cases against its fake (services/admin/tests/
certificate_fakes.py) and its HTTP adapter talking to the real print-gateway on real PostgreSQL
(ADR 0036), so the console's verification screens tested on the fake say something about the
real service.

A test of the suite, not of one service: it is the one place allowed to read both sides."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

import pytest
from certificate_fakes import FakeCertificates
from certificate_rows import insert_certificate, page_png
from sqlalchemy import Engine
from staff_served import served_for_staff

from shomei_admin.adapters.certificates_http import HttpCertificates
from shomei_admin.service_layer.certificates import CertificatesApi
from shomei_admin.service_layer.ports import StaffSession, UpstreamError
from shomei_print_gateway.bootstrap import bootstrap
from shomei_print_gateway.service_layer.ports import Dependencies, PrintGatewayUnitOfWork
from shomei_print_gateway.service_layer.verification_commands import VerifyCertificate
from shomei_shared.clock import FakeClock
from shomei_shared.errors import NotFound
from shomei_shared.service import Service

NOW = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)
TENANT, OTHER = "demo-univ", "sakura-univ"
AUDITOR = StaffSession("staff-1", TENANT, "auditor@demo-univ.example", ("auditor",))
REGISTRAR = StaffSession("staff-2", TENANT, "registrar@demo-univ.example", ("registrar",))
OTHER_REGISTRAR = StaffSession("staff-3", OTHER, "registrar@sakura-univ.example", ("registrar",))


PAGE = page_png()


class Issuing(Protocol):
    def issue(self, tenant: str, order_id: str, code: str, *, number: str = ..., image: bytes | None = ...
              ) -> str: ...
    def looked_up(self, tenant: str, code: str, country: str | None, at: datetime) -> None: ...


@dataclass
class Console:
    api: CertificatesApi
    issuing: Issuing
    acting: list[StaffSession]

    def as_staff(self, member: StaffSession) -> StaffSession:
        self.acting[0] = member
        return member


@dataclass
class RealIssuing:
    engine: Engine
    clock: FakeClock
    handle: Callable[[VerifyCertificate], object]

    def issue(self, tenant: str, order_id: str, code: str, *, number: str = "No. 0001",
              image: bytes | None = PAGE) -> str:
        # b"": the PDF was gone before the image could be made, as print-gateway records it.
        never = {"preview_png": None, "preview_unavailable_at": NOW} if image == b"" else {"preview_png": image}
        row = insert_certificate(self.engine, tenant, order_id=order_id, verification_code=code,
                                 certificate_number=number, issued_on=date(2026, 4, 1), **never)
        return str(row["certificate_id"])

    def looked_up(self, tenant: str, code: str, country: str | None, at: datetime) -> None:
        self.clock.set(at)
        with contextlib.suppress(NotFound):  # an unknown code: recorded all the same
            self.handle(VerifyCertificate(tenant, code, country))


@pytest.fixture
def real(new_database: Callable[[str], str]) -> Iterator[Console]:
    acting = [AUDITOR]

    def build(engine: Engine, clock: FakeClock) -> Service[PrintGatewayUnitOfWork]:
        return bootstrap(engine, Dependencies(clock=clock, new_id=lambda: str(uuid.uuid4())))

    def member() -> tuple[str, str, tuple[str, ...]]:
        return acting[0].tenant_id, acting[0].staff_id, acting[0].roles

    with served_for_staff(new_database, NOW, build, member) as (client, service, engine, clock):
        yield Console(HttpCertificates(client), RealIssuing(engine, clock, service.handle), acting)


@pytest.fixture(params=["fake", "http"])
def console(request: pytest.FixtureRequest) -> Console:
    if request.param == "fake":
        fake = FakeCertificates(now=NOW)
        return Console(fake, fake, [AUDITOR])
    found: Console = request.getfixturevalue("real")
    return found


def test_a_certificate_is_found_by_its_code_as_read_aloud_or_its_order(console: Console) -> None:
    wanted = console.issuing.issue(TENANT, "order-7", "7KQ4-M2XD-9P3F-WA6T", number="No. 0042")
    console.issuing.issue(TENANT, "order-8", "8KQ4-M2XD-9P3F-WA6T", number="No. 0043")
    console.issuing.issue(OTHER, "order-7", "9KQ4-M2XD-9P3F-WA6T", number="No. 0099")
    member = console.as_staff(AUDITOR)
    [found] = console.api.search(member, "7kq4 m2xd 9p3f wa6t", "")
    assert (found.certificate_id, found.certificate_number, found.status, found.issued_on) == (
        wanted, "No. 0042", "valid", date(2026, 4, 1))
    assert [c.certificate_number for c in console.api.search(member, "", "order-7")] == ["No. 0042"]
    with pytest.raises(UpstreamError) as refused:
        console.api.search(member, "7KQ4", "")
    assert refused.value.status == 400 and set(refused.value.errors) == {"code"}
    with pytest.raises(UpstreamError) as missing:
        console.api.certificate(console.as_staff(OTHER_REGISTRAR), wanted)
    assert missing.value.status == 404


def test_revocation_is_once_by_a_registrar_with_a_reason(console: Console) -> None:
    certificate_id = console.issuing.issue(TENANT, "order-7", "7KQ4-M2XD-9P3F-WA6T")
    with pytest.raises(UpstreamError) as not_allowed:
        console.api.revoke(console.as_staff(AUDITOR), certificate_id, "誤記")
    assert not_allowed.value.status == 403
    registrar = console.as_staff(REGISTRAR)
    with pytest.raises(UpstreamError) as empty:
        console.api.revoke(registrar, certificate_id, "   ")
    assert empty.value.status == 400 and set(empty.value.errors) == {"reason"}
    assert console.api.revoke(registrar, certificate_id, "氏名の 誤記") == "revoked"
    assert console.api.revoke(registrar, certificate_id, "二度目") == "already"
    detail = console.api.certificate(registrar, certificate_id)
    assert (detail.summary.status, detail.reason) == ("revoked", "氏名の 誤記")
    assert [(e.what, e.staff_id, e.reason) for e in detail.history] == [
        ("CertificateIssued", "", ""), ("CertificateRevoked", "staff-2", "氏名の 誤記")]
    with pytest.raises(UpstreamError) as foreign:
        console.api.revoke(console.as_staff(OTHER_REGISTRAR), certificate_id, "x")
    assert foreign.value.status == 404


def test_lookups_are_logged_newest_first_per_university(console: Console) -> None:
    certificate_id = console.issuing.issue(TENANT, "order-7", "7KQ4-M2XD-9P3F-WA6T", number="No. 0042")
    console.issuing.looked_up(TENANT, "7KQ4-M2XD-9P3F-WA6T", "DE", NOW)
    console.issuing.looked_up(TENANT, "0000-0000-0000-0000", None, NOW + timedelta(minutes=5))
    console.issuing.looked_up(OTHER, "7KQ4-M2XD-9P3F-WA6T", "US", NOW + timedelta(minutes=6))
    member = console.as_staff(AUDITOR)
    assert [(e.at, e.country, e.outcome, e.certificate_number) for e in console.api.lookups(member)] == [
        (NOW + timedelta(minutes=5), None, "unknown", None), (NOW, "DE", "valid", "No. 0042")]
    detail = console.api.certificate(member, certificate_id)
    assert [(e.country, e.outcome) for e in detail.lookups] == [("DE", "valid")]
    assert detail.preview_png


def test_a_certificate_whose_image_is_still_to_be_made_has_none_yet(console: Console) -> None:
    """print-gateway makes the image after issue (ADR 0039)."""
    certificate_id = console.issuing.issue(TENANT, "order-7", "7KQ4-M2XD-9P3F-WA6T", image=None)
    detail = console.api.certificate(console.as_staff(AUDITOR), certificate_id)
    assert (detail.preview_png, detail.preview_pending, detail.summary.status) == (b"", True, "valid")


def test_a_certificate_whose_image_will_never_be_made_has_none_and_none_pending(console: Console) -> None:
    """Its PDF was deleted before the image was made (ADR 0039): no other document is rendered."""
    certificate_id = console.issuing.issue(TENANT, "order-8", "7KQ4-M2XD-9P3F-WA6T", image=b"")
    detail = console.api.certificate(console.as_staff(AUDITOR), certificate_id)
    assert (detail.preview_png, detail.preview_pending, detail.summary.status) == (b"", False, "valid")
