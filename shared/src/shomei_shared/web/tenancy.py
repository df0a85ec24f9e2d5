"""The tenant of a browser request, from its address: a mapped host name, else the first path
segment (`/<tenant>/…`). Nothing defaults to a tenant (docs/adr/0014-tenancy-at-the-edge.md).

The path prefix is moved from PATH_INFO to SCRIPT_NAME, so every route of an app stays written
without it and `url_for` puts it back: the same views serve `/<tenant>/login` and, on a mapped
host, `/login`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from flask import Flask, abort, request
from flask.sessions import SecureCookieSessionInterface

TENANT_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
TENANT_KEY = "shomei.tenant"
BY_HOST_KEY = "shomei.tenant_by_host"
SITE_ROOT_KEY = "shomei.site_root"  # SCRIPT_NAME before the tenant prefix: where the directory is
# First path segments that belong to the process, never to a tenant (tenant ids must avoid them).
PROCESS_SEGMENTS = frozenset({"static", "healthz", "readyz", "metrics", "favicon.ico", "robots.txt"})
# Endpoints that answer without a tenant: the process's own.
PROCESS_ENDPOINTS = frozenset({"static", "healthz", "readyz", "metrics_endpoint"})

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def is_tenant_id(value: str) -> bool:
    return bool(TENANT_ID.match(value)) and value not in PROCESS_SEGMENTS


def parse_tenant_hosts(text: str) -> dict[str, str]:
    """`host=tenant` pairs separated by commas or spaces (SHOMEI_TENANT_HOSTS)."""
    hosts: dict[str, str] = {}
    for pair in text.replace(",", " ").split():
        host, _, tenant = pair.partition("=")
        if not host or not is_tenant_id(tenant):
            raise ValueError(f"tenant host mapping {pair!r}: expected host=tenant-id")
        hosts[host.strip().lower()] = tenant
    return hosts


class TenantAddressing:
    """WSGI middleware: puts the address's tenant (or None) in the environ under TENANT_KEY."""

    def __init__(self, app: WsgiApp, hosts: Mapping[str, str]) -> None:
        self._app = app
        self._hosts = dict(hosts)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        host = str(environ.get("HTTP_HOST") or environ.get("SERVER_NAME") or "").rsplit(":", 1)[0].lower()
        environ[TENANT_KEY], environ[BY_HOST_KEY], environ[SITE_ROOT_KEY] = None, False, _script(environ)
        if host in self._hosts:
            environ[TENANT_KEY], environ[BY_HOST_KEY] = self._hosts[host], True
            return self._app(environ, start_response)
        path = str(environ.get("PATH_INFO") or "")
        first, slash, rest = path.lstrip("/").partition("/")
        if first and is_tenant_id(first):
            if not slash:  # `/<tenant>` alone: relative links of its pages need the slash
                start_response("308 Permanent Redirect", [("Location", _script(environ) + f"/{first}/"),
                                                          ("Content-Length", "0")])
                return [b""]
            environ[TENANT_KEY] = first
            environ["SCRIPT_NAME"] = _script(environ) + f"/{first}"
            environ["PATH_INFO"] = "/" + rest
        return self._app(environ, start_response)


def _script(environ: Mapping[str, Any]) -> str:
    return str(environ.get("SCRIPT_NAME") or "").rstrip("/")


def request_tenant() -> str | None:
    """The tenant of the current request's address, None at the bare root."""
    tenant = request.environ.get(TENANT_KEY)
    return str(tenant) if tenant else None


def site_root() -> str:
    """The address of the suite's root (the directory of universities), with a trailing slash."""
    return str(request.environ.get(SITE_ROOT_KEY, "")) + "/"


def cookie_path() -> str:
    """Every cookie is the whole site's: `__Host-` demands Path=/ (and no Domain)."""
    return "/"


def cookie_name(base: str, secure: bool) -> str:
    """The tenant is in the name, so each university's cookie is its own while all share Path=/
    (a browser holds A's and B's sessions side by side, and B's address never reads A's);
    `__Host-` when secure: Secure, Path=/, no Domain, so no other host or path can set it."""
    tenant = request_tenant()
    return site_cookie_name(f"{base}-{tenant}" if tenant else base, secure)


def site_cookie_name(base: str, secure: bool) -> str:
    """A cookie of the whole site, whatever the tenant (a language chosen at the directory)."""
    return f"__Host-{base}" if secure else base


class TenantCookieSessions(SecureCookieSessionInterface):
    """Flask's signed session cookie (CSRF token, multi-step flows), named like ours."""

    def __init__(self, base_name: str) -> None:
        self._base_name = base_name

    def get_cookie_name(self, app: Flask) -> str:
        return cookie_name(self._base_name, bool(app.config["SESSION_COOKIE_SECURE"]))

    def get_cookie_path(self, app: Flask) -> str:
        return cookie_path()


def install_tenancy(app: Flask, hosts: Mapping[str, str], exists: Callable[[str], bool],
                    session_cookie: str, untenanted: Iterable[str] = ()) -> None:
    """Route by tenant; an unknown tenant, or a tenant's page asked without one, is a 404."""
    app.wsgi_app = TenantAddressing(app.wsgi_app, hosts)  # type: ignore[method-assign]
    app.session_interface = TenantCookieSessions(session_cookie)
    allowed = PROCESS_ENDPOINTS | frozenset(untenanted)

    @app.before_request
    def _known_tenant() -> None:
        tenant = request_tenant()
        if tenant is None:
            if request.endpoint not in allowed:
                abort(404)
        elif request.endpoint not in PROCESS_ENDPOINTS and not exists(tenant):
            abort(404)


def tenant_url(base_url: str, tenant_id: str, path: str) -> str:
    """An address at the tenant's site for mails: `path` under the `/<tenant>` prefix of the
    public base URL (the prefix works on every host, mapped or not)."""
    return f"{base_url.rstrip('/')}/{tenant_id}/{path.lstrip('/')}"
