"""The ordering web app: the internal API, health and metrics.

Run with `gunicorn -b 127.0.0.1:PORT 'shomei_ordering.entrypoints.web:create_app()'` (Procfile).
"""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Engine

from shomei_ordering.bootstrap import bootstrap
from shomei_ordering.entrypoints.api import graduate, staff
from shomei_ordering.entrypoints.messages import CATALOGUE
from shomei_ordering.service_layer.ports import OrderingUnitOfWork
from shomei_ordering.settings import OrderingSettings, load_settings
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging
from shomei_shared.service import Service
from shomei_shared.web.app import service_app
from shomei_shared.web.health import database_check
from shomei_shared.web.trust import Trust


def create_app(settings: OrderingSettings | None = None, service: Service[OrderingUnitOfWork] | None = None,
               engine: Engine | None = None) -> Flask:
    settings = settings or load_settings()
    configure_logging("ordering", settings.log_level)
    engine = engine or make_engine(settings.database_url)
    # The relay publishes; this process only needs its database to be ready.
    return service_app(__name__, title="Shomei ordering internal API", service=service or bootstrap(engine),
                       engine=engine, trust=Trust.of(settings), areas=[graduate.install, staff.install],
                       catalogue=CATALOGUE, checks={"database": database_check(engine)})
