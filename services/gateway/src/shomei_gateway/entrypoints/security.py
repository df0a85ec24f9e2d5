"""Browser-facing protections: CSRF on every state change, security headers, rate limits and
the session cookie's attributes (what the console shares with us is in shomei_shared.web.edge)."""

from __future__ import annotations

from flask import Flask, Response, request
from flask_limiter import Limiter
from flask_wtf.csrf import CSRFProtect

from shomei_gateway.settings import GatewaySettings
from shomei_shared.web.edge import install_edge

# No inline script or style anywhere, so the policy can forbid both.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "img-src 'self' data: blob:",
    "style-src 'self'",
    "script-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
])

# Limits per client address; the identity service adds per-account lockout behind them.
LOGIN_LIMIT = "10 per minute"
TOKEN_LIMIT = "20 per minute"
MAIL_LIMIT = "5 per minute"


def install_security(app: Flask, settings: GatewaySettings) -> Limiter:
    app.config.update(
        SECRET_KEY=settings.secret_key,
        WTF_CSRF_TIME_LIMIT=3600,
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=16 * 1024 * 1024,  # two 5 MB images, base64 on the confirmation round trip
    )
    CSRFProtect(app)
    # Reading pages costs nothing worth guarding per address; what is limited is every POST
    # (300/min overall, and the tighter per-endpoint limits of web.RATE_LIMITS).
    limiter = install_edge(app, settings, name="gateway", default_limits=["300 per minute"],
                           exempt_when=lambda: request.method == "GET")

    # An unpaid order's page posts お支払いへ, answered by a redirect to PayPal: only its pages
    # may send a form on to PayPal's origin.
    paying = CONTENT_SECURITY_POLICY.replace("form-action 'self'",
                                             f"form-action 'self' {settings.paypal_checkout_origin}")

    @app.after_request
    def _headers(response: Response) -> Response:
        to_paypal = request.endpoint in ("orders.show", "pay.paypal", "pay.paypal_return", "pay.paypal_cancel")
        response.headers["Content-Security-Policy"] = paying if to_paypal else CONTENT_SECURITY_POLICY
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if not request.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")  # a tenant's logo and colours may say more
        return response

    return limiter
