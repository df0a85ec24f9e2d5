"""A stand-in for enrollment's tenant-profile API, `gunicorn 'bench.gateway.profiles:create_app()'`:
the gateway reads its university's profile (through a 30 s cache) and nothing else here."""

from __future__ import annotations

from flask import Flask, Response, jsonify

PROFILE = {"tenant_id": "demo-univ", "name_ja": "証明大学", "name_en": "Shomei University", "accent": "#0b5394",
           "accent_ink": "#ffffff", "contact_email": "office@demo-univ.example", "closures": []}


def create_app() -> Flask:
    app = Flask(__name__)

    @app.get("/internal/tenants/<tenant_id>/profile")
    def profile(tenant_id: str) -> Response | tuple[Response, int]:
        if tenant_id != PROFILE["tenant_id"]:
            return jsonify(errors=[{"field": "tenant_id", "reason": "no such tenant"}]), 404
        return jsonify(PROFILE)

    return app
