"""The reference: a one-route Flask app, `gunicorn 'bench.gateway.bare:create_app()'`, answering
GET /demo-univ/manual with a fixed HTML body of BENCH_BARE_BODY_BYTES bytes (the gateway page's size)."""

from __future__ import annotations

import os

from flask import Flask, Response


def create_app() -> Flask:
    size = int(os.environ["BENCH_BARE_BODY_BYTES"])
    head, tail = "<!doctype html><html><body><p>", "</p></body></html>"
    body = (head + "x" * max(0, size - len(head) - len(tail)) + tail).encode()
    app = Flask(__name__)

    @app.get("/demo-univ/manual")  # the gateway's path, so both parse the same request line
    def manual() -> Response:
        return Response(body, mimetype="text/html")

    return app
