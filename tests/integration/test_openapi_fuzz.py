"""schemathesis against each service's OpenAPI document (generated from its marshmallow schemas),
on a real PostgreSQL database: whatever the generated request, no server error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from flask import Flask

from shomei_devtools.fuzz import Headers, no_server_errors
from shomei_devtools.paths import project_root
from shomei_devtools.trust import session_trust


@pytest.fixture
def identity_api(new_database: Callable[[str], str]) -> Flask:
    from shomei_identity.entrypoints.migrate import migrate_when_ready
    from shomei_identity.entrypoints.web import create_app
    from shomei_identity.settings import IdentitySettings

    url = new_database("identity_fuzz")
    migrate_when_ready(url)
    app = create_app(IdentitySettings(environment="test", database_url=url, **session_trust().settings("identity"),
                                      secret_seal_key=Fernet.generate_key().decode()))
    return app


@pytest.fixture
def enrollment_api(new_database: Callable[[str], str]) -> Flask:
    from shomei_enrollment.entrypoints.migrate import migrate_when_ready
    from shomei_enrollment.entrypoints.web import create_app
    from shomei_enrollment.settings import EnrollmentSettings

    url = new_database("enrollment_fuzz")
    migrate_when_ready(url)
    settings = EnrollmentSettings(environment="test", database_url=url, secret_seal_key=Fernet.generate_key().decode(),
                                  **session_trust().settings("enrollment"))
    return create_app(settings)


@pytest.fixture
def notifier_api(new_database: Callable[[str], str]) -> Flask:
    from shomei_notifier.entrypoints.web import create_app
    from shomei_notifier.settings import NotifierSettings
    from shomei_shared.db import migrate

    url = new_database("notifier_fuzz")
    migrate(url, Path(project_root() / "services" / "notifier" / "migrations"))
    return create_app(NotifierSettings(environment="test", database_url=url, **session_trust().settings("notifier")))


@pytest.fixture
def ordering_api(new_database: Callable[[str], str]) -> Flask:
    from shomei_ordering.entrypoints.migrate import migrate_when_ready
    from shomei_ordering.entrypoints.seed_demo import seed
    from shomei_ordering.entrypoints.web import create_app
    from shomei_ordering.settings import OrderingSettings
    from shomei_shared.db import make_engine

    url = new_database("ordering_fuzz")
    migrate_when_ready(url)
    engine = make_engine(url, pool_size=2)
    seed(engine)  # a catalogue to order from, so placing reaches the domain's rules
    settings = OrderingSettings(environment="test", database_url=url, **session_trust().settings("ordering"))
    return create_app(settings, engine=engine)


@pytest.fixture
def payment_api(new_database: Callable[[str], str]) -> Flask:
    from shomei_payment.entrypoints.migrate import migrate_when_ready
    from shomei_payment.entrypoints.web import create_app
    from shomei_payment.settings import PaymentSettings
    from shomei_shared.db import make_engine

    url = new_database("payment_fuzz")
    migrate_when_ready(url)
    # No provider is reached: the graduate has no payment, so every request ends before PayPal.
    settings = PaymentSettings(environment="test", database_url=url, paypal_api_url="http://127.0.0.1:9",
                               smartpit_api_url="http://127.0.0.1:9", **session_trust().settings("payment"))
    return create_app(settings, engine=make_engine(url, pool_size=2))


@pytest.fixture
def print_gateway_api(new_database: Callable[[str], str]) -> Flask:
    from certificate_rows import insert_certificate

    from shomei_print_gateway.entrypoints.migrate import migrate_when_ready
    from shomei_print_gateway.entrypoints.web import create_app
    from shomei_print_gateway.settings import PrintGatewaySettings
    from shomei_shared.db import make_engine

    url = new_database("print_gateway_fuzz")
    migrate_when_ready(url)
    engine = make_engine(url, pool_size=2)
    insert_certificate(engine)  # one certificate, so lookups and revocations can reach the rules
    # No provider is reached: web requests read and queue; the jobs process submits.
    settings = PrintGatewaySettings(environment="test", database_url=url, netprint_url="http://127.0.0.1:9",
                                    sharpprint_url="http://127.0.0.1:9", enrollment_url="http://127.0.0.1:9",
                                    **session_trust().settings("print-gateway"))
    return create_app(settings, engine=engine)


def rightful(app: Flask) -> Headers:
    """Each operation gets its declared caller's credential and a fitting assertion (ADR 0019)."""
    return lambda method, path: session_trust().headers_for(app, method, path)


def test_identity_never_answers_with_a_server_error(identity_api: Flask) -> None:
    assert no_server_errors(identity_api, "/internal/openapi.json", rightful(identity_api)) >= 15


def test_enrollment_never_answers_with_a_server_error(enrollment_api: Flask) -> None:
    assert no_server_errors(enrollment_api, "/internal/openapi.json", rightful(enrollment_api)) >= 10


def test_notifier_never_answers_with_a_server_error(notifier_api: Flask) -> None:
    assert no_server_errors(notifier_api, "/internal/openapi.json", rightful(notifier_api)) >= 1


def test_ordering_never_answers_with_a_server_error(ordering_api: Flask) -> None:
    assert no_server_errors(ordering_api, "/internal/openapi.json", rightful(ordering_api)) >= 10


def test_payment_never_answers_with_a_server_error(payment_api: Flask) -> None:
    assert no_server_errors(payment_api, "/internal/openapi.json", rightful(payment_api)) >= 4


def test_print_gateway_never_answers_with_a_server_error(print_gateway_api: Flask) -> None:
    assert no_server_errors(print_gateway_api, "/internal/openapi.json", rightful(print_gateway_api)) >= 6
