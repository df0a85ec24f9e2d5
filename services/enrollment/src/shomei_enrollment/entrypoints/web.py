"""The enrollment web app: the internal API for gateway and admin, health and metrics.

Run with `gunicorn -b 127.0.0.1:$SHOMEI_ENROLLMENT_PORT 'shomei_enrollment.entrypoints.web:create_app()'`.
"""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Engine

from shomei_enrollment.bootstrap import bootstrap
from shomei_enrollment.entrypoints.api import accounts, applicant, records, staff, tenants
from shomei_enrollment.entrypoints.messages import CATALOGUE
from shomei_enrollment.service_layer.ports import EnrollmentUnitOfWork
from shomei_enrollment.settings import EnrollmentSettings, load_settings
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging
from shomei_shared.service import Service
from shomei_shared.web.app import service_app
from shomei_shared.web.health import database_check
from shomei_shared.web.trust import Trust


def create_app(settings: EnrollmentSettings | None = None, enrollment: Service[EnrollmentUnitOfWork] | None = None,
               engine: Engine | None = None) -> Flask:
    settings = settings or load_settings()
    configure_logging("enrollment", settings.log_level)
    engine = engine or make_engine(settings.database_url)
    # The relay publishes; this process only needs its database to be ready.
    service = enrollment or bootstrap(engine, settings)
    return service_app(__name__, title="Shomei enrollment internal API", service=service,
                       engine=engine, trust=Trust.of(settings),
                       areas=[applicant.install, staff.install, accounts.install, tenants.install,
                              records.install], catalogue=CATALOGUE,
                       checks={"database": database_check(engine)}, max_request_bytes=settings.max_request_bytes)
