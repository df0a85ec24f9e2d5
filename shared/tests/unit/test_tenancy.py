"""The tenant of a request comes from its address only; profiles are cached briefly."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from shomei_shared.web.client import ServiceError
from shomei_shared.web.tenancy import install_tenancy, parse_tenant_hosts, request_tenant, tenant_url
from shomei_shared.web.tenant_profiles import HttpTenantProfiles


def app(known: set[str], hosts: str = "") -> Flask:
    flask = Flask(__name__)
    flask.config.update(SECRET_KEY="k", SESSION_COOKIE_SECURE=False)
    install_tenancy(flask, parse_tenant_hosts(hosts), lambda t: t in known, session_cookie="flow")

    @flask.get("/where")
    def where() -> str:
        return str(request_tenant())

    return flask


def test_the_first_path_segment_names_the_tenant_and_moves_to_the_script_root() -> None:
    client = app({"univ-a"}).test_client()
    assert client.get("/univ-a/where").get_data(as_text=True) == "univ-a"
    assert client.get("/univ-b/where").status_code == 404  # unknown: never a default
    assert client.get("/where").status_code == 308  # `where` would be a tenant; then 404 below
    assert client.get("/where/").status_code == 404
    assert client.get("/healthz").status_code == 404  # not a tenant; no such route in this app
    assert client.get("/univ-a").headers["Location"] == "/univ-a/"


def test_a_mapped_host_names_the_tenant_without_a_prefix() -> None:
    client = app({"univ-a"}, "certs.univ-a.example.jp=univ-a").test_client()
    assert client.get("/where", base_url="http://certs.univ-a.example.jp:8080").get_data(as_text=True) == "univ-a"


@pytest.mark.parametrize("bad", ["host", "host=", "host=Univ_A", "host=static"])
def test_a_bad_host_mapping_stops_the_process(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_tenant_hosts(bad)


def test_links_for_mails_carry_the_tenant_prefix() -> None:
    assert tenant_url("https://certs.example/", "univ-a", "/login") == "https://certs.example/univ-a/login"


class CountingClient:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def call(self, method: str, path: str, body: Any = None) -> Any:
        self.calls.append(path)
        if "nowhere" in path:
            raise ServiceError(404, {"tenant_id": "no"})
        return {"tenant_id": "univ-a", "name_ja": "A大学", "name_en": "A University", "accent": "#0b5394",
                "accent_ink": "#ffffff", "contact_email": "a@example.jp", "closures": []}


def test_profiles_are_kept_for_the_cache_time_unknown_ones_too() -> None:
    now = [0.0]
    client = CountingClient()
    profiles = HttpTenantProfiles(client, ttl_s=30, clock=lambda: now[0])  # type: ignore[arg-type]
    assert profiles.get("univ-a").name("en") == "A University"  # type: ignore[union-attr]
    assert profiles.get("nowhere") is None
    profiles.get("univ-a")
    profiles.get("nowhere")
    assert len(client.calls) == 2
    now[0] = 31.0
    profiles.get("univ-a")
    assert len(client.calls) == 3
