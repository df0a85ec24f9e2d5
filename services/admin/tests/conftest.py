from __future__ import annotations

import pytest
from admin_fakes import (
    FakeCatalogueEditor,
    FakeOrders,
    FakePayments,
    FakeReviews,
    FakeStaffIdentity,
    FakeTenantAdmin,
    tenant_profiles,
)
from certificate_fakes import FakeCertificates
from flask import Flask
from flask.testing import FlaskClient
from mails_fakes import FakeMails
from print_order_fakes import FakePrintOrders

from shomei_admin.entrypoints.web import create_app
from shomei_admin.settings import AdminSettings
from shomei_devtools.trust import session_trust


@pytest.fixture
def staff_identity() -> FakeStaffIdentity:
    identity = FakeStaffIdentity()
    identity.add("reviewer@demo-univ.example", "demo-univ", "reviewer")
    identity.add("auditor@demo-univ.example", "demo-univ", "auditor")
    identity.add("registrar@demo-univ.example", "demo-univ", "registrar")
    identity.add("reviewer@other-univ.example", "other-univ", "reviewer")
    identity.add("admin@demo-univ.example", "demo-univ", "tenant_admin")
    return identity


@pytest.fixture
def reviews() -> FakeReviews:
    fake = FakeReviews()
    fake.add("demo-univ", "app-late", "遅延 花子", due_in_hours=-3)
    fake.add("demo-univ", "app-soon", "山田 太郎", due_in_hours=5)
    fake.add("other-univ", "app-other", "他大 学", due_in_hours=1)
    return fake


@pytest.fixture
def tenant_admin() -> FakeTenantAdmin:
    return FakeTenantAdmin()


@pytest.fixture
def orders() -> FakeOrders:
    return FakeOrders()


@pytest.fixture
def payments() -> FakePayments:
    return FakePayments()


@pytest.fixture
def catalogue() -> FakeCatalogueEditor:
    return FakeCatalogueEditor()


@pytest.fixture
def certificates() -> FakeCertificates:
    return FakeCertificates()


@pytest.fixture
def mails() -> FakeMails:
    return FakeMails()


@pytest.fixture
def print_orders() -> FakePrintOrders:
    return FakePrintOrders()


@pytest.fixture
def app(staff_identity: FakeStaffIdentity, reviews: FakeReviews, tenant_admin: FakeTenantAdmin,
        orders: FakeOrders, payments: FakePayments, catalogue: FakeCatalogueEditor,
        certificates: FakeCertificates, mails: FakeMails, print_orders: FakePrintOrders) -> Flask:
    settings = AdminSettings(environment="test", secret_key="admin-test-secret-0123",
                             **session_trust().settings("admin"))
    return create_app(settings, identity=staff_identity, reviews=reviews, tenant_admin=tenant_admin,
                      tenants=tenant_profiles(), orders=orders, payments=payments,
                      catalogue=catalogue, certificates=certificates, mails=mails, print_orders=print_orders)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
