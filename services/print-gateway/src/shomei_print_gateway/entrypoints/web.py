"""The print-gateway web app: the internal API, the stores' printed callbacks, health and metrics.

Run with `gunicorn -b 127.0.0.1:PORT 'shomei_print_gateway.entrypoints.web:create_app()'` (Procfile).
"""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Engine

from shomei_print_gateway.bootstrap import bootstrap
from shomei_print_gateway.entrypoints.api import graduate, page_counts, staff, verification, verification_staff
from shomei_print_gateway.entrypoints.callbacks import install_callbacks
from shomei_print_gateway.entrypoints.messages import CATALOGUE
from shomei_print_gateway.service_layer.ports import PrintGatewayUnitOfWork
from shomei_print_gateway.settings import PrintGatewaySettings, load_settings
from shomei_shared.clock import Clock, SystemClock
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging
from shomei_shared.service import Service
from shomei_shared.web.app import service_app
from shomei_shared.web.health import database_check
from shomei_shared.web.trust import Trust


def create_app(settings: PrintGatewaySettings | None = None, service: Service[PrintGatewayUnitOfWork] | None = None,
               engine: Engine | None = None, clock: Clock | None = None) -> Flask:
    settings = settings or load_settings()
    configure_logging("print-gateway", settings.log_level)
    engine = engine or make_engine(settings.database_url)
    # The relay publishes and the jobs process submits; this process only needs its database.
    app = service_app(__name__, title="Shomei print-gateway internal API",
                      service=service or bootstrap(engine, settings=settings), engine=engine,
                      trust=Trust.of(settings),
                      areas=[graduate.install, staff.install, page_counts.install, verification.install,
                             verification_staff.install],
                      catalogue=CATALOGUE, checks={"database": database_check(engine)})
    install_callbacks(app, settings)
    app.extensions[verification.RETENTION] = settings.retention()  # the reads' status; handlers get it from bootstrap
    app.extensions[verification.CLOCK] = clock or SystemClock()
    return app
