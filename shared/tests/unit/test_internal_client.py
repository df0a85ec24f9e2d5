"""The internal client against a real HTTP server (a Flask app served on a free port)."""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Iterator

import pytest
from flask import Blueprint, Flask, jsonify, request
from werkzeug.serving import make_server

from shomei_shared.web.api import ApiError, install_api_errors
from shomei_shared.web.assertions import AssertionVerifier
from shomei_shared.web.client import InternalClient, ServiceError, ServiceUnavailable
from shomei_shared.web.trust import Trust, callers, install_trust, verifier_of


@pytest.fixture
def base_url() -> Iterator[str]:
    app = Flask(__name__)
    internal = Blueprint("internal", __name__, url_prefix="/internal")
    install_trust(app, Trust({"gateway": (verifier_of("token-123"),)}, AssertionVerifier("")))

    @internal.post("/echo")
    @callers("gateway")
    def echo() -> object:
        return jsonify(body=request.get_json(), language=request.headers["Accept-Language"])

    @internal.get("/locked")
    @callers("gateway")
    def locked() -> object:
        wait = ApiError.one(429, "email", "しばらくお待ちください。", "Please wait.")
        raise ApiError(429, *wait.errors, headers={"Retry-After": "900"})

    @internal.post("/files")
    @callers("gateway")
    def files() -> object:
        upload = request.files["file"]
        return jsonify(name=upload.filename, size=len(upload.read()), staff=request.form["staff_id"])

    @internal.get("/empty")
    @callers("gateway")
    def empty() -> tuple[str, int]:
        return "", 204

    app.register_blueprint(internal)
    install_api_errors(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_json_round_trip_with_language(base_url: str) -> None:
    client = InternalClient(base_url, "gateway.token-123", language=lambda: "en")
    assert client.call("POST", "/internal/echo", {"名前": "山田"}) == {"body": {"名前": "山田"}, "language": "en"}
    assert client.call("GET", "/internal/empty") is None


def test_errors_come_back_by_field_with_retry_after(base_url: str) -> None:
    with pytest.raises(ServiceError) as caught:
        InternalClient(base_url, "gateway.token-123").call("GET", "/internal/locked")
    assert (caught.value.status, caught.value.errors, caught.value.retry_after) == (
        429, {"email": "しばらくお待ちください。"}, 900)
    with pytest.raises(ServiceError) as unauthorised:
        InternalClient(base_url, "wrong").call("GET", "/internal/empty")
    assert unauthorised.value.status == 401


def test_an_unreachable_service_is_503() -> None:
    from shomei_devtools.process import free_port

    with pytest.raises(ServiceUnavailable) as caught:
        InternalClient(f"http://127.0.0.1:{free_port()}", "t", timeout_s=2).call("GET", "/x")
    assert caught.value.status == 503 and caught.value.error_type == "URLError"


def test_calls_never_go_through_a_proxy_from_the_environment(base_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from shomei_devtools.process import free_port

    dead_proxy = f"http://127.0.0.1:{free_port()}"
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.setenv(name, dead_proxy)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.setattr(urllib.request, "_opener", None)  # urllib caches proxies read at first use
    assert InternalClient(base_url, "gateway.token-123").call("GET", "/internal/empty") is None


def test_multipart_upload(base_url: str) -> None:
    content = "学籍番号,氏名\n".encode("cp932") * 100
    found = InternalClient(base_url, "gateway.token-123").upload("/internal/files", {"staff_id": "s-1"},
                                                                 {"file": ("a.csv", content)})
    assert found == {"name": "a.csv", "size": len(content), "staff": "s-1"}
