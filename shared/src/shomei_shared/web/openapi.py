"""OpenAPI documents generated from marshmallow schemas and the Flask views' docstrings."""

from __future__ import annotations

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from apispec_webframeworks.flask import FlaskPlugin
from flask import Flask, Response, jsonify, request

from shomei_shared.web.trust import ANY_SERVICE, callers


def install_openapi(app: Flask, *, title: str, version: str, path: str = "/internal/openapi.json") -> APISpec:
    """Document every view whose docstring has a YAML `---` section; serve the document at `path`.

    Call after all blueprints are registered.
    """
    spec = APISpec(title=title, version=version, openapi_version="3.0.3",
                   plugins=[FlaskPlugin(), MarshmallowPlugin()])
    spec.components.security_scheme("internal", {"type": "http", "scheme": "bearer"})
    with app.test_request_context():
        for name, view in app.view_functions.items():
            if view.__doc__ and "---" in view.__doc__ and name != "static":
                spec.path(view=view)
    document = spec.to_dict()

    @app.get(path)
    @callers(ANY_SERVICE)  # behind a caller's credential where trust is installed (ADR 0019)
    def openapi_document() -> Response:
        # Under a tenant's path prefix the paths are relative to it; say so, or clients miss it.
        if request.script_root:
            return jsonify({**document, "servers": [{"url": request.script_root}]})
        return jsonify(document)

    return spec
