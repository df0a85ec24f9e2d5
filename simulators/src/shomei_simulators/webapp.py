"""What every simulator's Flask app has: readable JSON, the shared stylesheet, a strict CSP, /healthz."""

from pathlib import Path

from flask import Blueprint, Flask, Response
from flask.json.provider import DefaultJSONProvider

from shomei_simulators.control import deliveries_blueprint
from shomei_simulators.delivery import Deliverer

STATIC_DIR = Path(__file__).resolve().parent / "static"


def _html_page_headers(response: Response) -> Response:
    if response.mimetype == "text/html":
        # No inline script or style anywhere, so the strictest policy fits; forms post to this same host.
        response.headers["Content-Security-Policy"] = "default-src 'self'; frame-ancestors 'none'"
    return response


def new_app(import_name: str, deliverer: Deliverer, *blueprints: Blueprint) -> Flask:
    """The app with its blueprints and the deliveries' control; the delivering thread started."""
    app = Flask(import_name, static_folder=str(STATIC_DIR), static_url_path="/static")
    # Keep Japanese readable in the JSON and fields in the providers' order.
    if isinstance(app.json, DefaultJSONProvider):
        app.json.ensure_ascii = False
        app.json.sort_keys = False
    app.after_request(_html_page_headers)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    for blueprint in (*blueprints, deliveries_blueprint(deliverer)):
        app.register_blueprint(blueprint)
    deliverer.start()
    return app
