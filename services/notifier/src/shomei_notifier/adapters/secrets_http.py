"""Redeeming a secret reference at identity over HTTP (contract: POST
/internal/secrets/{secret_ref}/redeem with the internal bearer token → {"kind", "value"})."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from urllib.parse import quote

from shomei_notifier.service_layer.ports import PermanentFailure, RedeemedSecret, TemporaryFailure

# 404: unknown or deleted at expiry; 410: expired. Neither comes back, so the mail is given up.
_GONE = frozenset({404, 410})


class HttpSecretsClient:
    def __init__(self, base_url: str, token: str, timeout_s: float = 5.0) -> None:
        self._base_url = base_url.rstrip("/")
        self._token = token
        self._timeout_s = timeout_s
        # Service-to-service calls never go through an HTTP(S)_PROXY from the environment.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def redeem(self, secret_ref: str) -> RedeemedSecret:
        request = urllib.request.Request(
            f"{self._base_url}/internal/secrets/{quote(secret_ref, safe='')}/redeem",
            data=b"{}",
            method="POST",
            headers={"Authorization": f"Bearer {self._token}", "Content-Type": "application/json",
                     "Accept": "application/json"},
        )
        try:
            with self._opener.open(request, timeout=self._timeout_s) as response:
                body = json.loads(response.read())
        except urllib.error.HTTPError as error:
            error.close()
            if error.code in _GONE:
                raise PermanentFailure(f"secret_gone_{error.code}") from None
            # 401/403 (token rotated), 409, 429 and 5xx can all be fixed without losing the mail.
            raise TemporaryFailure(f"secrets_http_{error.code}") from None
        except (urllib.error.URLError, OSError, TimeoutError) as error:
            raise TemporaryFailure(f"secrets_unavailable_{type(error).__name__}") from None
        except ValueError:
            raise TemporaryFailure("secrets_bad_response") from None
        if not isinstance(body, dict) or not isinstance(body.get("value"), str) or not body["value"]:
            raise TemporaryFailure("secrets_bad_response")
        return RedeemedSecret(kind=str(body.get("kind", "")), value=body["value"])
