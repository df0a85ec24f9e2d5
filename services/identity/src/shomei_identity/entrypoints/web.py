"""The identity web app: the internal API for the gateway, admin and notifier."""

from __future__ import annotations

from flask import Flask

from shomei_identity.bootstrap import bootstrap
from shomei_identity.entrypoints.api import accounts, login, registrations, staff
from shomei_identity.entrypoints.messages import CATALOGUE
from shomei_identity.settings import IdentitySettings, load_settings
from shomei_shared.clock import Clock
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging
from shomei_shared.web.app import service_app
from shomei_shared.web.assertions import AssertionSigner, public_jwks
from shomei_shared.web.health import database_check
from shomei_shared.web.trust import Trust


def create_app(settings: IdentitySettings | None = None, *, clock: Clock | None = None) -> Flask:
    settings = settings or load_settings()
    configure_logging("identity", settings.log_level)
    engine = make_engine(settings.database_url)
    # Identity itself never talks to Kafka (the relay does), so readiness is the database.
    # Identity verifies the assertions it signs with its own ring, unless told which keys to trust.
    trust = Trust.of(settings, settings.assertion_keys or public_jwks(settings.assertion_signing_keys))
    app = service_app(__name__, title="Shomei identity internal API", service=bootstrap(settings, engine, clock=clock),
                      engine=engine, trust=trust,
                      areas=[registrations.install, login.install, accounts.install, staff.install],
                      catalogue=CATALOGUE, checks={"database": database_check(engine)})
    app.extensions["shomei.assertions"] = AssertionSigner(settings.assertion_signing_keys, settings.assertion_ttl_s)
    return app
