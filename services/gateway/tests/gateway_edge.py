"""What the tests of the browser edge share: settings, and reading the flow cookie as anyone
holding it can (Flask signs it, it does not encrypt it)."""

from __future__ import annotations

import json
import zlib
from typing import Any

from flask.testing import FlaskClient
from itsdangerous.encoding import base64_decode

from shomei_devtools.trust import session_trust
from shomei_gateway.settings import GatewaySettings


def settings(**changes: Any) -> GatewaySettings:
    return GatewaySettings(environment="test", secret_key="test-secret-key-0123456789",
                           **session_trust().settings("gateway"), **changes)


def flow_cookie(client: FlaskClient, tenant: str = "demo-univ", secure: bool = False) -> dict[str, Any]:
    """The flow cookie's content without the secret key: what the browser (and anyone who copies
    the cookie) can read. Empty when there is no such cookie."""
    cookie = client.get_cookie(("__Host-" if secure else "") + f"shomei_session_flow-{tenant}")
    if cookie is None:
        return {}
    value = cookie.value
    compressed = value.startswith(".")
    payload = base64_decode(value.lstrip(".").split(".")[0])
    return dict(json.loads(zlib.decompress(payload) if compressed else payload))
