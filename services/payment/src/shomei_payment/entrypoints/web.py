"""The payment web app: the internal API, PayPal's webhooks, health and metrics.

Run with `gunicorn -b 127.0.0.1:PORT 'shomei_payment.entrypoints.web:create_app()'` (Procfile).
"""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Engine

from shomei_payment.adapters.paypal import PayPalClient
from shomei_payment.adapters.smartpit import SmartPitClient
from shomei_payment.bootstrap import bootstrap
from shomei_payment.entrypoints.api import paypal, smartpit, staff
from shomei_payment.entrypoints.crash_point import with_crash_point
from shomei_payment.entrypoints.messages import CATALOGUE
from shomei_payment.entrypoints.webhooks import install_webhooks
from shomei_payment.service_layer.ports import PaymentUnitOfWork
from shomei_payment.settings import PaymentSettings, load_settings
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging
from shomei_shared.service import Service
from shomei_shared.web.app import service_app
from shomei_shared.web.health import database_check
from shomei_shared.web.trust import Trust


def paypal_client(settings: PaymentSettings) -> PayPalClient:
    return PayPalClient(settings.paypal_api_url, settings.paypal_client_id, settings.paypal_client_secret)


def smartpit_client(settings: PaymentSettings) -> SmartPitClient:
    return SmartPitClient(settings.smartpit_api_url, settings.smartpit_api_key)


def create_app(settings: PaymentSettings | None = None, service: Service[PaymentUnitOfWork] | None = None,
               engine: Engine | None = None) -> Flask:
    settings = settings or load_settings()
    configure_logging("payment", settings.log_level)
    engine = engine or make_engine(settings.database_url)
    # The relay publishes; this process only needs its database to be ready.
    app = service_app(__name__, title="Shomei payment internal API",
                      service=service or bootstrap(engine, with_crash_point(paypal_client(settings), settings),
                                                          smartpit_client(settings)),
                      engine=engine, trust=Trust.of(settings), areas=[paypal.install, smartpit.install, staff.install],
                      catalogue=CATALOGUE, checks={"database": database_check(engine)})
    install_webhooks(app, settings)
    return app
