"""Where a browser's login attempt comes from, as the gateway and the console tell identity.

Identity counts failed logins per account and source (docs/adr/0021), so an attacker's
failures lock the attacker's source and not the owner's. The source is the client address as
this process sees it (behind a proxy, whatever the app's proxy handling makes of it).

Attacker and owner may share an address (a campus or carrier NAT). So a browser that logged in
also keeps the device id identity answered, in a long-lived cookie, and sends it with its next
logins: identity guards a device known for the account on its own (docs/adr/0026).
"""

from __future__ import annotations

import re
from datetime import timedelta

from flask import current_app, request
from werkzeug.wrappers import Response

from shomei_shared.web.tenancy import cookie_name, cookie_path

# As long as identity remembers a device it has not seen (DEVICE_LIFETIME there).
DEVICE_COOKIE_AGE = timedelta(days=365)
# What identity issues (URL-safe base64 of 32 bytes); anything else is sent as no device, so a
# damaged or planted cookie can never make identity refuse the login's body.
_DEVICE_ID = re.compile(r"^[A-Za-z0-9_-]{16,128}$")


def login_source() -> str:
    return request.remote_addr or ""


def _device_cookie(base: str) -> str:
    return cookie_name(base, bool(current_app.config["SESSION_COOKIE_SECURE"]))


def login_device(base: str) -> str:
    """The device id the browser's cookie `base` (named per tenant) holds, or ""."""
    value = request.cookies.get(_device_cookie(base), "")
    return value if _DEVICE_ID.match(value) else ""


def keep_device(response: Response, base: str, device: str | None) -> Response:
    """Set (or renew) the device cookie after a login identity answered a device id for. Unlike
    the session it outlives a logout: it says only that this browser has logged in before."""
    if device:
        response.set_cookie(_device_cookie(base), device, max_age=DEVICE_COOKIE_AGE, httponly=True, samesite="Lax",
                            path=cookie_path(), secure=bool(current_app.config["SESSION_COOKIE_SECURE"]))
    return response
