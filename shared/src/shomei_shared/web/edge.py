"""The browser edge of the gateway and the console, one way for both
(docs/adr/0022-cookies-csrf-over-tls-and-shared-rate-limits.md): secure cookies from settings,
the client's address behind a configured number of reverse proxies, rate limits counted in a
store every worker and replica shares, and the headers every page carries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, Response
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix

from shomei_shared.settings import RELAXED_ENVIRONMENTS, SettingsError, TrustSettings

# Flask-WTF checks the Referer of every HTTPS POST against the site's own origin; no-referrer
# would refuse every form over TLS. Other sites still get the origin only, never a path or a
# one-time token in a query string.
REFERRER_POLICY = "strict-origin-when-cross-origin"
HSTS = "max-age=63072000; includeSubDomains"
REDIS_SCHEMES = ("redis://", "rediss://")
MEMORY = "memory://"


@dataclass(frozen=True)
class EdgeSettings(TrustSettings):
    """What the gateway and the console share at the browser edge (and, as callers of the
    internal services, their credentials: ADR 0019)."""

    # `__Host-` cookie names and the Secure attribute; plain http on loopback cannot have them.
    secure_cookies: bool = False
    # Rate-limit counters shared by every worker and replica; empty means in the process,
    # which only development and tests may use.
    redis_url: str = ""
    # Reverse proxies in front of the app, each appending to X-Forwarded-For and setting
    # X-Forwarded-Proto. 0: browsers connect directly and forwarded headers are ignored.
    trusted_proxy_hops: int = 0

    def check(self) -> None:
        super().check()
        if self.trusted_proxy_hops < 0:
            raise SettingsError("trusted_proxy_hops: a number of proxies, 0 or more")
        if self.redis_url and not self.redis_url.startswith(REDIS_SCHEMES):
            raise SettingsError(f"redis_url: expected redis:// or rediss://, got {self.redis_url.split(':')[0]}:")
        if self.environment in RELAXED_ENVIRONMENTS:
            return
        if not self.secure_cookies:
            raise SettingsError(f"{self.environment}: set SHOMEI_SECURE_COOKIES=true (sites are served over HTTPS)")
        if not self.redis_url:
            raise SettingsError(f"{self.environment}: set SHOMEI_REDIS_URL; limits counted per process do not "
                                "hold across workers and replicas")

    @property
    def limit_storage(self) -> str:
        return self.redis_url or MEMORY


def install_edge(app: Flask, settings: EdgeSettings, *, name: str, default_limits: list[str],
                 exempt_when: Callable[[], bool] | None = None) -> Limiter:
    """Call after `install_tenancy`: the proxy fix must see the request before the tenant
    addressing does. Returns the limiter for per-endpoint limits."""
    app.config.update(SESSION_COOKIE_SECURE=settings.secure_cookies, SESSION_COOKIE_HTTPONLY=True)
    hops = settings.trusted_proxy_hops
    if hops:
        # Only the entries our own proxies appended are believed; anything a client wrote
        # further left is ignored. The Host header is the proxy's to pass on (no X-Forwarded-Host:
        # a proxy that does not set it would forward a client's).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    limiter = Limiter(get_remote_address, app=app, storage_uri=settings.limit_storage, key_prefix=name,
                      default_limits=list(default_limits), default_limits_exempt_when=exempt_when,
                      headers_enabled=True)

    @app.after_request
    def _edge_headers(response: Response) -> Response:
        response.headers["Referrer-Policy"] = REFERRER_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        if settings.secure_cookies:
            response.headers["Strict-Transport-Security"] = HSTS
        return response

    return limiter


def limit_store_check(limiter: Limiter) -> Callable[[], None]:
    """A readiness check: without its store the app refuses every limited request."""

    def check() -> None:
        if not limiter.storage.check():
            raise ConnectionError("the rate-limit store does not answer")

    return check
