"""The gateway's VerificationApi: the same cases against its fake (tests/verification_fakes.py)
and its HTTP adapter talking to the real print-gateway on real PostgreSQL, so the verification
pages' tests on the fake say something about the real service (ADR 0036).

A test of the suite, not of one service: it is the one place allowed to read both sides."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

import pytest
from certificate_rows import insert_certificate, page_png
from sqlalchemy import Engine
from verification_fakes import FakeVerification

from shomei_devtools.browser import served
from shomei_devtools.trust import session_trust
from shomei_gateway.adapters.verification_http import HttpVerification
from shomei_gateway.service_layer.ports import UpstreamError
from shomei_gateway.service_layer.verification import VerificationApi
from shomei_print_gateway.bootstrap import bootstrap
from shomei_print_gateway.entrypoints.migrate import MIGRATIONS
from shomei_print_gateway.entrypoints.web import create_app
from shomei_print_gateway.service_layer.ports import Dependencies
from shomei_print_gateway.service_layer.verification_commands import RevokeCertificate
from shomei_print_gateway.settings import PrintGatewaySettings
from shomei_shared.clock import FakeClock
from shomei_shared.db import make_engine, migrate
from shomei_shared.web.assertions import Actor
from shomei_shared.web.client import InternalClient

NOW = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)
TENANT = "demo-univ"
IMAGE = page_png((200, 210, 220))


class Issuing(Protocol):
    """How a case puts certificates where the API under test finds them."""

    def issue(self, tenant_id: str, account_id: str, code: str, *, issued_on: date = ..., number: str = ...,
              image: bytes | None = ...) -> str: ...
    def revoke(self, certificate_id: str, reason: str) -> None: ...
    def advance(self, minutes: int) -> None: ...


@dataclass
class Acting:
    account_id: str = "account-1"

    def assertion(self) -> str:
        return session_trust().assertion(Actor(TENANT, self.account_id, "graduate"))


@dataclass
class RealIssuing:
    engine: Engine
    clock: FakeClock
    handle: Callable[[RevokeCertificate], object]

    def issue(self, tenant_id: str, account_id: str, code: str, *, issued_on: date = date(2026, 4, 1),
              number: str = "No. 0001", image: bytes | None = IMAGE) -> str:
        row = insert_certificate(self.engine, tenant_id, account_id=account_id,
                                 verification_code=code, issued_on=issued_on, certificate_number=number,
                                 preview_png=image)
        return str(row["certificate_id"])

    def revoke(self, certificate_id: str, reason: str) -> None:
        self.handle(RevokeCertificate(TENANT, certificate_id, "staff-1", reason))

    def advance(self, minutes: int) -> None:
        self.clock.advance(timedelta(minutes=minutes))


@pytest.fixture
def real(new_database: Callable[[str], str]) -> Iterator[tuple[HttpVerification, RealIssuing, Acting]]:
    url = new_database("print_gateway")
    migrate(url, MIGRATIONS)
    engine = make_engine(url, pool_size=4)
    clock = FakeClock(NOW)
    service = bootstrap(engine, Dependencies(clock=clock, new_id=lambda: str(uuid.uuid4())))
    settings = PrintGatewaySettings(environment="test", database_url=url, **session_trust().settings("print-gateway"))
    app = create_app(settings, service, engine, clock)
    acting = Acting()
    try:
        with served(app) as base:
            client = InternalClient(base, session_trust().credential("gateway"), assertion=acting.assertion)
            yield HttpVerification(client), RealIssuing(engine, clock, service.handle), acting
    finally:
        engine.dispose()


class FakeIssuing(FakeVerification):
    def issue(self, tenant_id: str, account_id: str, code: str, *, issued_on: date = date(2026, 4, 1),
              number: str = "No. 0001", image: bytes | None = IMAGE, **_: object) -> str:
        return super().issue(tenant_id, account_id, code, issued_on=issued_on, number=number, image=image)


@pytest.fixture(params=["fake", "http"])
def api(request: pytest.FixtureRequest) -> tuple[VerificationApi, Issuing, Acting]:
    if request.param == "fake":
        fake = FakeIssuing(now=NOW)
        return fake, fake, Acting()
    found: tuple[VerificationApi, Issuing, Acting] = request.getfixturevalue("real")
    return found


def test_a_code_as_typed_shows_what_was_issued(api: tuple[VerificationApi, Issuing, Acting]) -> None:
    verification, issuing, _ = api
    issuing.issue(TENANT, "account-1", "7KQ4-M2XD-9P3F-WA6T", number="No. 0042")
    shown = verification.verify(TENANT, "7kq4 m2xd 9p3f wa6t", "JP")
    assert (shown.status, shown.verification_code, shown.title, shown.holder_name, shown.certificate_number) == (
        "valid", "7KQ4-M2XD-9P3F-WA6T", "卒業証明書", "証明 太郎", "No. 0042")
    assert (shown.issued_on, shown.retention_ends, shown.preview_png) == (date(2026, 4, 1), date(2031, 4, 1), IMAGE)
    assert shown.reason is None and shown.revoked_on is None


def test_a_certificate_whose_image_is_still_to_be_made_shows_its_facts_without_it(
        api: tuple[VerificationApi, Issuing, Acting]) -> None:
    """print-gateway makes the image after issue (ADR 0039): none yet, and it is still to come."""
    verification, issuing, _ = api
    issuing.issue(TENANT, "account-1", "7KQ4-M2XD-9P3F-WA6T", number="No. 0042", image=None)
    shown = verification.verify(TENANT, "7KQ4-M2XD-9P3F-WA6T", None)
    assert (shown.status, shown.holder_name, shown.certificate_number) == ("valid", "証明 太郎", "No. 0042")
    assert (shown.preview_png, shown.preview_pending) == (None, True)


@pytest.mark.parametrize(("typed", "status"), [("7KQ4-M2XD-9P3F", 400), ("7KQ4-M2XD-9P3F-WA6U", 400),
                                               ("7KQ4-M2XD-9P3F-WA6V", 404), ("", 400)])
def test_a_mistyped_or_unknown_code_is_answered_at_the_code_field(
        api: tuple[VerificationApi, Issuing, Acting], typed: str, status: int) -> None:
    verification, issuing, _ = api
    issuing.issue(TENANT, "account-1", "7KQ4-M2XD-9P3F-WA6T")
    with pytest.raises(UpstreamError) as refused:
        verification.verify(TENANT, typed, None)
    assert refused.value.status == status and set(refused.value.errors) == {"code"}


def test_another_universitys_certificate_is_not_found(api: tuple[VerificationApi, Issuing, Acting]) -> None:
    verification, issuing, _ = api
    issuing.issue("sakura-univ", "account-9", "7KQ4-M2XD-9P3F-WA6T")
    with pytest.raises(UpstreamError) as refused:
        verification.verify(TENANT, "7KQ4-M2XD-9P3F-WA6T", None)
    assert refused.value.status == 404


def test_a_revoked_certificate_says_so_with_the_reason(api: tuple[VerificationApi, Issuing, Acting]) -> None:
    verification, issuing, _ = api
    certificate_id = issuing.issue(TENANT, "account-1", "7KQ4-M2XD-9P3F-WA6T")
    issuing.revoke(certificate_id, "氏名の誤記のため")
    shown = verification.verify(TENANT, "7KQ4-M2XD-9P3F-WA6T", None)
    assert (shown.status, shown.reason, shown.revoked_on) == ("revoked", "氏名の誤記のため", NOW.date())


def test_after_retention_nothing_personal_is_shown(api: tuple[VerificationApi, Issuing, Acting]) -> None:
    verification, issuing, _ = api
    issuing.issue(TENANT, "account-1", "7KQ4-M2XD-9P3F-WA6T", issued_on=date(2021, 5, 1))
    shown = verification.verify(TENANT, "7KQ4-M2XD-9P3F-WA6T", None)
    assert (shown.status, shown.retention_ends) == ("retention_passed", date(2026, 5, 1))
    assert (shown.holder_name, shown.certificate_number, shown.preview_png) == (None, None, None)


def test_the_graduate_sees_who_checked_when_and_from_where(api: tuple[VerificationApi, Issuing, Acting]) -> None:
    verification, issuing, acting = api
    older = issuing.issue(TENANT, "account-1", "7KQ4-M2XD-9P3F-WA6T", issued_on=date(2026, 3, 1), number="No. 1")
    newer = issuing.issue(TENANT, "account-1", "8KQ4-M2XD-9P3F-WA6T", issued_on=date(2026, 4, 1), number="No. 2")
    issuing.issue(TENANT, "account-2", "9KQ4-M2XD-9P3F-WA6T", number="No. 3")
    verification.verify(TENANT, "7KQ4-M2XD-9P3F-WA6T", "DE")
    issuing.advance(5)
    verification.verify(TENANT, "7KQ4-M2XD-9P3F-WA6T", "XX")
    mine = verification.certificates(TENANT, acting.account_id)
    assert [c.certificate_id for c in mine] == [newer, older]
    assert mine[0].lookups == ()
    assert [(entry.at, entry.country) for entry in mine[1].lookups] == [(NOW + timedelta(minutes=5), None),
                                                                       (NOW, "DE")]
    acting.account_id = "account-3"
    assert verification.certificates(TENANT, "account-3") == []
