"""What the gateway keeps in Redis holds across instances (ADR 0022): two gateways sharing one
Redis count one client's requests together, and a first login begun at one is finished at the
other. The setup-token stores, real and in-process, pass the same cases."""

from __future__ import annotations

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient
from gateway_edge import settings
from gateway_fakes import FakeEnrollment, FakeIdentity, tenant_profiles
from gateway_forms import csrf

from shomei_devtools.process import free_port
from shomei_devtools.trust import session_trust
from shomei_gateway.adapters.setup_tokens import SETUP_TTL_S, InProcessSetupTokens, RedisSetupTokens
from shomei_gateway.entrypoints.web import create_app
from shomei_gateway.service_layer.ports import SetupTokens

MONITOR = session_trust().headers("monitor")  # readiness answers only the operators' monitor (ADR 0019)


def two_gateways(redis_url: str, identity: FakeIdentity) -> tuple[Flask, Flask]:
    """Two instances as two replicas would be: nothing shared but identity and Redis."""
    return tuple(create_app(settings(redis_url=redis_url), identity=identity, enrollment=FakeEnrollment(),  # type: ignore[return-value]
                            tenants=tenant_profiles()) for _ in range(2))


def forgot(client: FlaskClient) -> int:
    return int(client.post("/demo-univ/password/forgot", environ_base={"REMOTE_ADDR": "203.0.113.7"}, data={
        "csrf_token": csrf(client, "/demo-univ/password/forgot"), "email": "g@example.jp"}).status_code)


def test_a_client_is_limited_across_two_gateways_sharing_redis(redis_url: str) -> None:
    first, second = (app.test_client() for app in two_gateways(redis_url, FakeIdentity()))
    statuses = [forgot(client) for client in (first, second, first, second, first, second)]
    assert statuses == [200] * 5 + [429]  # mails: 5 a minute per address, whichever instance answers


def test_a_first_login_begun_at_one_gateway_is_finished_at_another(redis_url: str) -> None:
    identity = FakeIdentity()
    identity.activate("g@example.jp", "Initial-Pass-1")
    one, other = two_gateways(redis_url, identity)
    browser = one.test_client()
    login = browser.post("/demo-univ/login", data={"csrf_token": csrf(browser, "/demo-univ/login"),
                                                   "email": "g@example.jp", "password": "Initial-Pass-1"})
    assert login.headers["Location"] == "/demo-univ/login/passwords"
    browser.application = other  # the next request lands on the other replica, with the same cookies
    done = browser.post("/demo-univ/login/passwords", data={
        "csrf_token": csrf(browser, "/demo-univ/login/passwords"), "password": "NewPass123",
        "password_again": "NewPass123", "second_password": "Second456x", "second_password_again": "Second456x"})
    assert done.headers["Location"] == "/demo-univ/account/"


@pytest.fixture(params=["redis", "in-process"])
def store(request: pytest.FixtureRequest) -> SetupTokens:
    if request.param == "redis":
        return RedisSetupTokens.from_url(request.getfixturevalue("redis_url"))
    return InProcessSetupTokens()


def test_a_kept_token_is_found_by_its_handle_only_until_forgotten(store: SetupTokens) -> None:
    handle = store.keep("setup-token-1")
    other = store.keep("setup-token-2")
    assert handle != other and "setup-token" not in handle
    assert store.find(handle) == "setup-token-1" and store.find(other) == "setup-token-2"
    assert store.find("a-handle-never-given") is None
    store.forget(handle)
    assert store.find(handle) is None and store.find(other) == "setup-token-2"
    store.forget(handle)  # forgetting twice is harmless


def test_redis_holds_neither_the_handle_nor_longer_than_the_token_lives(redis_url: str) -> None:
    handle = RedisSetupTokens.from_url(redis_url).keep("setup-token-1")
    client: redis.Redis = redis.Redis.from_url(redis_url)
    (key,) = client.keys("*")
    assert handle.encode() not in key
    assert 0 < client.ttl(key) <= SETUP_TTL_S


def test_an_expired_token_is_not_found() -> None:
    store = InProcessSetupTokens(ttl_s=0)
    assert store.find(store.keep("setup-token-1")) is None



def test_readiness_says_when_the_limit_store_does_not_answer(redis_url: str) -> None:
    assert two_gateways(redis_url, FakeIdentity())[0].test_client().get("/readyz", headers=MONITOR).status_code == 200
    nowhere = f"redis://127.0.0.1:{free_port()}/0"  # a port nothing listens on
    ready = two_gateways(nowhere, FakeIdentity())[0].test_client().get("/readyz", headers=MONITOR)
    assert ready.status_code == 503 and ready.json is not None
    assert ready.json["checks"]["rate_limit_store"].startswith("unavailable")
