"""Stand-ins for identity and enrollment, `gunicorn 'bench.ordering.standins:create_app()'`: the
benchmark measures ordering and payment behind the gateway, not logins or registrations. One
session (`BENCH_SESSION`) is a signed-in graduate of demo-univ with one undergraduate student
number; the assertion the gateway passes on is signed with the run's trust kit, so ordering
and payment check it exactly as they check identity's."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, Response, jsonify, request

from shomei_devtools.trust import run_kit
from shomei_shared.web.assertions import Actor

TENANT, ACCOUNT = "demo-univ", "bench-graduate-1"
PROFILE = {"tenant_id": TENANT, "name_ja": "証明大学", "name_en": "Shomei University", "accent": "#0b5394",
           "accent_ink": "#ffffff", "contact_email": "office@demo-univ.example", "closures": []}


def create_app() -> Flask:
    kit = run_kit(Path(os.environ["BENCH_RUN_DIR"]))
    session = os.environ["BENCH_SESSION"]
    app = Flask(__name__)

    @app.post("/internal/sessions/lookup")
    def lookup() -> Response | tuple[Response, int]:
        body = request.get_json(silent=True) or {}
        if body.get("session_id") != session or body.get("tenant_id") != TENANT:
            return jsonify(errors=[{"field": "session_id", "reason": "no such session"}]), 404
        # A fresh assertion per lookup, as identity makes one (they live five minutes).
        return jsonify(subject_kind="graduate", account_id=ACCOUNT, tenant_id=TENANT, email="grad@example.jp",
                       assertion=kit.assertion(Actor(TENANT, ACCOUNT, "graduate")))

    @app.get("/internal/tenants/<tenant_id>/profile")
    def tenant_profile(tenant_id: str) -> Response | tuple[Response, int]:
        if tenant_id != TENANT:
            return jsonify(errors=[{"field": "tenant_id", "reason": "no such tenant"}]), 404
        return jsonify(PROFILE)

    @app.get("/internal/account/profile")
    def account_profile() -> Response:
        return jsonify(profile={}, student_numbers=["L08001"],
                       enrollments=[{"student_number": "L08001", "status": "graduated", "programme": "undergraduate"}])

    return app
