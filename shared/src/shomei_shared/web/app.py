"""The web app of an internal service, made the same way for every service.

A service's `entrypoints/web.py` names what differs (its service, its API areas, its message
catalogue, its readiness checks) and `service_app` does the rest: JSON times in ISO 8601, the
internal API behind callers' credentials and each endpoint's declaration (ADR 0019), the shared
error responses (the domain's codes worded in the caller's language), health, readiness, metrics,
correlation ids, and the OpenAPI document. Views reach the service through `current_service()`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from flask import Blueprint, Flask, current_app
from flask.json.provider import DefaultJSONProvider
from sqlalchemy import Engine

from shomei_shared.service import Service
from shomei_shared.web.api import install_api_errors
from shomei_shared.web.errors import Catalogue, install_domain_errors
from shomei_shared.web.health import Check, install_observability
from shomei_shared.web.openapi import install_openapi
from shomei_shared.web.trust import Trust, install_trust

ApiArea = Callable[[Blueprint], None]


class IsoJsonProvider(DefaultJSONProvider):
    """Times as ISO 8601 in UTC (the contracts' format), not Flask's default HTTP dates."""

    @staticmethod
    def default(o: Any) -> Any:
        if isinstance(o, datetime):
            return o.astimezone(UTC).isoformat()
        if isinstance(o, date):
            return o.isoformat()
        return DefaultJSONProvider.default(o)


def service_app(
    import_name: str,
    *,
    title: str,
    service: Service[Any] | None,
    engine: Engine,
    trust: Trust,
    areas: Sequence[ApiArea],
    catalogue: Catalogue,
    checks: Mapping[str, Check],
    max_request_bytes: int | None = None,
) -> Flask:
    """Call from the app factory, after settings and logging; `areas` install their routes on
    the `/internal` blueprint (each API module's `install(blueprint)`), each route declared with
    `@callers(...)`: `trust` refuses undeclared routes, unknown callers and missing assertions."""
    app = Flask(import_name)
    app.json = IsoJsonProvider(app)
    if max_request_bytes is not None:
        app.config["MAX_CONTENT_LENGTH"] = max_request_bytes
    app.extensions["service"] = service
    app.extensions["engine"] = engine
    install_observability(app, checks)
    install_trust(app, trust)
    internal = Blueprint("internal", import_name, url_prefix="/internal")
    for install in areas:
        install(internal)
    app.register_blueprint(internal)
    install_api_errors(app)
    install_domain_errors(app, catalogue)
    install_openapi(app, title=title, version="1")
    return app


def current_service() -> Service[Any]:
    """The service of the app handling this request."""
    service: Service[Any] | None = current_app.extensions["service"]
    if service is None:
        raise RuntimeError("this app serves no message bus")
    return service


def current_engine() -> Engine:
    engine: Engine = current_app.extensions["engine"]
    return engine
