"""schemathesis against each service's OpenAPI document (generated from its marshmallow schemas),
on a real PostgreSQL database: whatever the generated request, no server error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import schemathesis
from cryptography.fernet import Fernet
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from shomei_devtools.paths import project_root

TOKEN = "fuzzing-internal-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
FUZZ = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@pytest.fixture
def identity_api(new_database: Callable[[str], str]) -> object:
    from shomei_identity.entrypoints.migrate import migrate_when_ready
    from shomei_identity.entrypoints.web import create_app
    from shomei_identity.settings import IdentitySettings

    url = new_database("identity_fuzz")
    migrate_when_ready(url)
    app = create_app(IdentitySettings(environment="test", database_url=url, internal_token=TOKEN,
                                      secret_seal_key=Fernet.generate_key().decode()))
    return _schema(app)


@pytest.fixture
def enrollment_api(new_database: Callable[[str], str]) -> object:
    from shomei_enrollment.config import EnrollmentSettings
    from shomei_enrollment.entrypoints.migrate import migrate_when_ready
    from shomei_enrollment.entrypoints.web import create_app

    url = new_database("enrollment_fuzz")
    migrate_when_ready(url)
    return _schema(create_app(EnrollmentSettings(environment="test", database_url=url, internal_token=TOKEN)))


@pytest.fixture
def notifier_api(new_database: Callable[[str], str]) -> object:
    from shomei_notifier.entrypoints.web import create_app
    from shomei_notifier.settings import NotifierSettings
    from shomei_shared.db import migrate

    url = new_database("notifier_fuzz")
    migrate(url, Path(project_root() / "services" / "notifier" / "migrations"))
    return _schema(create_app(NotifierSettings(environment="test", database_url=url, internal_token=TOKEN)))


def _schema(app: Flask) -> object:
    return schemathesis.openapi.from_wsgi("/internal/openapi.json", app)


def fuzz(schema: object) -> int:
    """Every operation of the document, with generated requests; returns how many were tried.

    Driven by hand rather than through schemathesis' pytest plugin, which does not run under
    pytest 9 here."""
    tried = 0
    for result in schema.get_all_operations():  # type: ignore[attr-defined]
        operation = result.ok()

        @given(case=operation.as_strategy())
        @FUZZ
        def call(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=AUTH, checks=[not_a_server_error])

        call()
        tried += 1
    return tried


def test_identity_never_answers_with_a_server_error(identity_api: object) -> None:
    assert fuzz(identity_api) >= 15


def test_enrollment_never_answers_with_a_server_error(enrollment_api: object) -> None:
    assert fuzz(enrollment_api) >= 10


def test_notifier_never_answers_with_a_server_error(notifier_api: object) -> None:
    assert fuzz(notifier_api) >= 1
