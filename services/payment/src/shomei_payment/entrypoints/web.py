"""The payment web app: the internal API, health and metrics.

Run with `gunicorn -b 127.0.0.1:PORT 'shomei_payment.entrypoints.web:create_app()'` (Procfile).
"""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Engine

from shomei_payment.bootstrap import bootstrap
from shomei_payment.entrypoints.api import items
from shomei_payment.entrypoints.messages import CATALOGUE
from shomei_payment.service_layer.ports import PaymentUnitOfWork
from shomei_payment.settings import PaymentSettings, load_settings
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging
from shomei_shared.service import Service
from shomei_shared.web.app import service_app
from shomei_shared.web.health import database_check
from shomei_shared.web.trust import Trust


def create_app(settings: PaymentSettings | None = None, service: Service[PaymentUnitOfWork] | None = None,
               engine: Engine | None = None) -> Flask:
    settings = settings or load_settings()
    configure_logging("payment", settings.log_level)
    engine = engine or make_engine(settings.database_url)
    # The relay publishes; this process only needs its database to be ready.
    return service_app(__name__, title="Shomei payment internal API", service=service or bootstrap(engine),
                       engine=engine, trust=Trust.of(settings), areas=[items.install],
                       catalogue=CATALOGUE, checks={"database": database_check(engine)})
