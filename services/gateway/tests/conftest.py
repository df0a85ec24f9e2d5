from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from gateway_fakes import FakeEnrollment, FakeIdentity, tenant_profiles
from ordering_fakes import FakeOrdering
from payment_fakes import FakePayment
from printing_fakes import FakePrinting
from verification_fakes import FakeVerification

from shomei_devtools.trust import session_trust
from shomei_gateway.entrypoints.web import create_app
from shomei_gateway.settings import GatewaySettings


@pytest.fixture
def identity() -> FakeIdentity:
    return FakeIdentity()


@pytest.fixture
def enrollment() -> FakeEnrollment:
    return FakeEnrollment()


@pytest.fixture
def ordering() -> FakeOrdering:
    return FakeOrdering()


@pytest.fixture
def payment(ordering: FakeOrdering) -> FakePayment:
    return FakePayment(ordering)


@pytest.fixture
def verification() -> FakeVerification:
    return FakeVerification()


@pytest.fixture
def printing() -> FakePrinting:
    return FakePrinting()


@pytest.fixture
def app(identity: FakeIdentity, enrollment: FakeEnrollment, ordering: FakeOrdering, payment: FakePayment,
        verification: FakeVerification, printing: FakePrinting) -> Flask:
    settings = GatewaySettings(environment="test", secret_key="test-secret-key-0123456789",
                               **session_trust().settings("gateway"))
    return create_app(settings, identity=identity, enrollment=enrollment, tenants=tenant_profiles(),
                      ordering=ordering, payment=payment, verification=verification, printing=printing)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
