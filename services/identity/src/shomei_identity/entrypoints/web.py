"""The identity web app: the internal API for the gateway, admin and notifier."""

from __future__ import annotations

from flask import Blueprint, Flask

from shomei_identity.bootstrap import bootstrap
from shomei_identity.entrypoints.api import accounts, login, registrations, staff
from shomei_identity.entrypoints.messages import CATALOGUE
from shomei_identity.settings import IdentitySettings, load_settings
from shomei_shared.clock import Clock
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging
from shomei_shared.web.api import install_api_errors, require_bearer
from shomei_shared.web.errors import install_domain_errors
from shomei_shared.web.health import database_check, install_observability
from shomei_shared.web.openapi import install_openapi


def create_app(settings: IdentitySettings | None = None, *, clock: Clock | None = None) -> Flask:
    settings = settings or load_settings()
    configure_logging("identity", settings.log_level)
    engine = make_engine(settings.database_url)
    app = Flask(__name__)
    app.extensions["identity"] = bootstrap(settings, engine, clock=clock)
    app.extensions["engine"] = engine
    # Identity itself never talks to Kafka (the relay does), so readiness is the database.
    install_observability(app, {"database": database_check(engine)})
    app.register_blueprint(internal_api(settings.internal_token))
    install_api_errors(app)
    install_domain_errors(app, CATALOGUE)  # the domain's codes, worded in the caller's language
    install_openapi(app, title="Shomei identity internal API", version="1")
    return app


def internal_api(token: str) -> Blueprint:
    blueprint = Blueprint("internal", __name__, url_prefix="/internal")
    require_bearer(blueprint, token)
    for area in (registrations, login, accounts, staff):
        area.install(blueprint)
    return blueprint
