"""The enrollment web app: the internal API for gateway and admin, health and metrics.

Run with `gunicorn -b 127.0.0.1:$SHOMEI_ENROLLMENT_PORT 'shomei_enrollment.entrypoints.web:create_app()'`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from flask import Blueprint, Flask
from flask.json.provider import DefaultJSONProvider

from shomei_enrollment.bootstrap import Enrollment, bootstrap
from shomei_enrollment.config import EnrollmentSettings
from shomei_enrollment.entrypoints import api_accounts, api_applicant, api_staff, api_tenants
from shomei_enrollment.entrypoints.errors import install_domain_errors
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging
from shomei_shared.web.api import install_api_errors, require_bearer
from shomei_shared.web.health import database_check, install_observability
from shomei_shared.web.openapi import install_openapi


class IsoJsonProvider(DefaultJSONProvider):
    """Times as ISO 8601 in UTC (the contract's format), not Flask's default HTTP dates."""

    @staticmethod
    def default(o: Any) -> Any:
        if isinstance(o, datetime):
            return o.astimezone(UTC).isoformat()
        if isinstance(o, date):
            return o.isoformat()
        return DefaultJSONProvider.default(o)


def create_app(settings: EnrollmentSettings | None = None, enrollment: Enrollment | None = None) -> Flask:
    settings = settings or EnrollmentSettings.from_env()
    configure_logging("enrollment", settings.log_level)
    if enrollment is None:
        enrollment = bootstrap(make_engine(settings.database_url))
    app = Flask(__name__)
    app.json = IsoJsonProvider(app)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.extensions["enrollment"] = enrollment

    internal = Blueprint("internal", __name__, url_prefix="/internal")
    require_bearer(internal, settings.internal_token)
    api_applicant.register(internal)
    api_staff.register(internal)
    api_accounts.register(internal)
    api_tenants.register(internal)
    app.register_blueprint(internal)

    install_api_errors(app)
    install_domain_errors(app)
    # The relay publishes; this process only needs its database to be ready.
    install_observability(app, {"database": database_check(enrollment.engine)})
    install_openapi(app, title="Shomei enrollment internal API", version="1")
    return app
