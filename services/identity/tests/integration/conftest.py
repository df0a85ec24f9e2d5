from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, text

from shomei_devtools.dev_secrets import fernet_key
from shomei_devtools.trust import session_trust
from shomei_identity.entrypoints.web import create_app
from shomei_identity.settings import IdentitySettings
from shomei_shared.clock import FakeClock
from shomei_shared.db import make_engine, migrate
from shomei_shared.service import Service
from shomei_shared.web.assertions import ASSERTION_HEADER

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
AUTH = session_trust().headers("gateway")
AUTH_EN = {**AUTH, "Accept-Language": "en"}


@pytest.fixture
def db_url(new_database: Callable[[str], str]) -> str:
    url = new_database("identity")
    migrate(url, MIGRATIONS)
    return url


@pytest.fixture
def settings(db_url: str) -> IdentitySettings:
    return IdentitySettings(environment="test", database_url=db_url, **session_trust().settings("identity"),
                            public_base_url="http://127.0.0.1:58080", secret_seal_key=fernet_key())


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app(settings: IdentitySettings, clock: FakeClock) -> Iterator[Flask]:
    app = create_app(settings, clock=clock)
    yield app
    engine = app.extensions["engine"]
    engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url, pool_size=2)
    yield engine
    engine.dispose()


class Kit:
    """What the integration tests share (a fixture: conftest modules cannot be imported here)."""

    auth = AUTH  # the gateway
    auth_en = AUTH_EN
    console = session_trust().headers("admin")
    notifier = session_trust().headers("notifier")

    def __init__(self, app: Flask, client: FlaskClient, engine: Engine, clock: FakeClock) -> None:
        self.app, self.client, self.engine, self.clock = app, client, engine, clock

    @property
    def identity(self) -> Service:
        found: Service = self.app.extensions["service"]
        return found

    def events(self) -> list[tuple[str, dict[str, Any]]]:
        with self.engine.connect() as conn:
            rows = conn.execute(text("SELECT type, payload FROM events ORDER BY id")).all()
        return [(row[0], row[1]) for row in rows]

    def graduate_auth(self, session_id: str) -> dict[str, str]:
        """The gateway's headers for a call made on behalf of the session's graduate: identity's
        assertion, as the gateway gets it from the session lookup."""
        looked = self.client.post("/internal/sessions/lookup", json={"session_id": session_id}, headers=AUTH)
        assert looked.status_code == 200, looked.json
        return {**AUTH, ASSERTION_HEADER: looked.json["assertion"]}

    def last_payload(self, event_type: str) -> dict[str, Any]:
        return [p for t, p in self.events() if t == event_type][-1]

    def redeem(self, secret_ref: str) -> str:
        response = self.client.post(f"/internal/secrets/{secret_ref}/redeem", headers=self.notifier)
        assert response.status_code == 200, response.json
        value: str = response.json["value"]
        return value


@pytest.fixture
def kit(app: Flask, client: FlaskClient, engine: Engine, clock: FakeClock) -> Kit:
    return Kit(app, client, engine, clock)
