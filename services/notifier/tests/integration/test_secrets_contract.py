"""The same cases against the fake and against HttpSecretsClient talking to a tiny HTTP server
that plays identity's side of the contract (identity's real endpoint is not built yet)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import unquote

import pytest

from shomei_notifier.adapters.secrets_fake import FakeSecretsClient
from shomei_notifier.adapters.secrets_http import HttpSecretsClient
from shomei_notifier.service_layer.ports import PermanentFailure, SecretsClient, TemporaryFailure

TOKEN = "contract-test-token"


class Backend(Protocol):
    client: SecretsClient

    def put(self, secret_ref: str, kind: str, value: str) -> None: ...
    def expire(self, secret_ref: str) -> None: ...
    def go_down(self) -> None: ...


class FakeBackend:
    def __init__(self) -> None:
        self.client = self.fake = FakeSecretsClient()

    def put(self, secret_ref: str, kind: str, value: str) -> None:
        self.fake.put(secret_ref, kind, value)

    def expire(self, secret_ref: str) -> None:
        self.fake.expire(secret_ref)

    def go_down(self) -> None:
        self.fake.available = False


class IdentityStandIn(ThreadingHTTPServer):
    secrets: dict[str, dict[str, str]]
    requests: list[dict[str, Any]]


class _Handler(BaseHTTPRequestHandler):
    server: IdentityStandIn

    def do_POST(self) -> None:
        parts = self.path.strip("/").split("/")
        self.server.requests.append({"path": self.path, "authorization": self.headers.get("Authorization")})
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self._reply(401, {"errors": [{"field": "Authorization", "reason": "認証が必要です。"}]})
        if len(parts) != 4 or parts[:2] != ["internal", "secrets"] or parts[3] != "redeem":
            return self._reply(404, {"errors": [{"field": "_request", "reason": "not found"}]})
        secret = self.server.secrets.get(unquote(parts[2]))
        if secret is None:
            return self._reply(404, {"errors": [{"field": "secret_ref", "reason": "期限切れまたは存在しません。"}]})
        return self._reply(200, secret)

    def _reply(self, status: int, body: dict[str, Any]) -> None:
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class HttpBackend:
    def __init__(self, token: str = TOKEN) -> None:
        self.server = IdentityStandIn(("127.0.0.1", 0), _Handler)
        self.server.secrets, self.server.requests = {}, []
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        self.client = HttpSecretsClient(f"http://127.0.0.1:{self.server.server_address[1]}", token, timeout_s=2)

    def put(self, secret_ref: str, kind: str, value: str) -> None:
        self.server.secrets[secret_ref] = {"kind": kind, "value": value}

    def expire(self, secret_ref: str) -> None:
        self.server.secrets.pop(secret_ref, None)

    def go_down(self) -> None:
        if self.thread.is_alive():
            self.server.shutdown()
            self.server.server_close()


@pytest.fixture(params=["fake", "http"])
def backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    chosen: Backend = FakeBackend() if request.param == "fake" else HttpBackend()
    yield chosen
    chosen.go_down()


def test_redeems_kind_and_value(backend: Backend) -> None:
    backend.put("ref-1", "one_time_url", "https://shomei.example/verify?token=abc")
    secret = backend.client.redeem("ref-1")
    assert (secret.kind, secret.value) == ("one_time_url", "https://shomei.example/verify?token=abc")
    assert "abc" not in repr(secret)


def test_redeeming_twice_within_validity_gives_the_same_value(backend: Backend) -> None:
    backend.put("ref-2", "initial_password", "Init1alPassW0rd")
    assert backend.client.redeem("ref-2") == backend.client.redeem("ref-2")


def test_an_expired_or_unknown_reference_is_a_permanent_failure(backend: Backend) -> None:
    backend.put("ref-3", "one_time_url", "https://shomei.example/x")
    backend.expire("ref-3")
    with pytest.raises(PermanentFailure):
        backend.client.redeem("ref-3")
    with pytest.raises(PermanentFailure):
        backend.client.redeem("never-issued")


def test_identity_unreachable_is_a_temporary_failure(backend: Backend) -> None:
    backend.put("ref-4", "one_time_url", "https://shomei.example/x")
    backend.go_down()
    with pytest.raises(TemporaryFailure):
        backend.client.redeem("ref-4")


def test_http_client_sends_the_bearer_token_to_the_contract_path() -> None:
    backend = HttpBackend()
    try:
        backend.put("ref/odd", "one_time_url", "https://shomei.example/x")
        backend.client.redeem("ref/odd")
        assert backend.server.requests == [
            {"path": "/internal/secrets/ref%2Fodd/redeem", "authorization": f"Bearer {TOKEN}"}]
    finally:
        backend.go_down()


def test_http_client_treats_a_refused_token_as_temporary_so_the_mail_survives_a_rotation() -> None:
    backend = HttpBackend(token="stale-token")
    try:
        backend.put("ref-5", "one_time_url", "https://shomei.example/x")
        with pytest.raises(TemporaryFailure, match="secrets_http_401"):
            backend.client.redeem("ref-5")
    finally:
        backend.go_down()
