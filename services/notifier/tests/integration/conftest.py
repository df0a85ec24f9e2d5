from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine

from shomei_devtools.trust import session_trust
from shomei_notifier import bootstrap
from shomei_notifier.adapters.secrets_fake import FakeSecretsClient
from shomei_notifier.adapters.smtp_sender import SmtpSender
from shomei_notifier.service_layer.dispatching import Dispatcher
from shomei_notifier.settings import NotifierSettings
from shomei_shared.clock import FakeClock
from shomei_shared.db import make_engine, migrate
from shomei_shared.web.tenant_profiles import StaticTenantProfiles, TenantProfile
from shomei_simulators.mailbox.smtp import start_smtp_server, stop_smtp_server
from shomei_simulators.mailbox.store import Mailbox

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


class MailboxServer:
    """The project's mailbox simulator over real SMTP, stoppable and restartable on its port."""

    def __init__(self) -> None:
        self.mailbox = Mailbox()
        self._controller: Controller | None = start_smtp_server(self.mailbox, "127.0.0.1", 0)
        self.port = int(self._controller.port)

    def stop(self) -> None:
        if self._controller is not None:
            stop_smtp_server(self._controller)
            self._controller = None

    def start(self) -> None:
        if self._controller is None:
            self._controller = start_smtp_server(self.mailbox, "127.0.0.1", self.port)


@pytest.fixture
def db_url(new_database: Callable[[str], str]) -> str:
    url = new_database("notifier")
    migrate(url, MIGRATIONS)
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url, pool_size=2)
    yield engine
    engine.dispose()


@pytest.fixture
def mailbox_server() -> Iterator[MailboxServer]:
    server = MailboxServer()
    yield server
    server.stop()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 24, 4, 0, tzinfo=UTC))


@pytest.fixture
def secrets(secret_values: dict[str, tuple[str, str]]) -> FakeSecretsClient:
    fake = FakeSecretsClient()
    for secret_ref, (kind, value) in secret_values.items():
        fake.put(secret_ref, kind, value)
    return fake


# Enrollment's answer, as the notifier reads it (its cache is tested in shared).
TENANTS = StaticTenantProfiles(TenantProfile("demo-univ", "証明大学", "Shomei University", "#0b5394", "#ffffff",
                                             "office@demo-univ.example"))


@pytest.fixture
def settings(db_url: str, mailbox_server: MailboxServer) -> NotifierSettings:
    return NotifierSettings(environment="test", database_url=db_url, **session_trust().settings("notifier"),
                            smtp_port=mailbox_server.port, smtp_security="none", smtp_timeout_s=2.0,
                            public_base_url="https://shomei.example")


@pytest.fixture
def dispatcher(settings: NotifierSettings, engine: Engine, secrets: FakeSecretsClient,
               clock: FakeClock) -> Dispatcher:
    # The real SMTP adapter against the simulator; identity does not exist yet, so its secrets
    # come from the fake that test_secrets_contract.py holds to the HTTP client's behaviour.
    return bootstrap.dispatcher(settings, engine, sender=SmtpSender(bootstrap.smtp_config(settings)),
                                secrets=secrets, tenants=TENANTS, clock=clock, enrollment_secrets=secrets)


@pytest.fixture
def handle(engine: Engine, clock: FakeClock) -> Callable[..., None]:
    """Handle an envelope the way the consumer does: inside one database transaction."""
    handler = bootstrap.bootstrap(engine, clock=clock).consume

    def run(envelope) -> None:  # type: ignore[no-untyped-def]
        with engine.begin() as connection:
            handler(envelope, connection)

    return run
