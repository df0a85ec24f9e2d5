"""Where a browser's login attempt comes from, as the gateway and the console tell identity.

Identity counts failed logins per account and source (docs/adr/0021), so an attacker's
failures lock the attacker's source and not the owner's. The source is the client address as
this process sees it (behind a proxy, whatever the app's proxy handling makes of it).
"""

from __future__ import annotations

from flask import request


def login_source() -> str:
    return request.remote_addr or ""
