"""Redeeming a secret reference at identity over HTTP (contract: POST
/internal/secrets/{secret_ref}/redeem with the notifier's own credential → {"kind", "value"});
identity lets no other service redeem."""

from __future__ import annotations

from urllib.parse import quote

from shomei_notifier.service_layer.ports import PermanentFailure, RedeemedSecret, TemporaryFailure
from shomei_shared.web.client import InternalClient, ServiceError, ServiceUnavailable

# 404: unknown or deleted at expiry; 410: expired. Neither comes back, so the mail is given up.
_GONE = frozenset({404, 410})


class HttpSecretsClient:
    def __init__(self, base_url: str, credential: str, timeout_s: float = 5.0) -> None:
        self._client = InternalClient(base_url, credential, timeout_s=timeout_s)

    def redeem(self, secret_ref: str) -> RedeemedSecret:
        try:
            body = self._client.call("POST", f"/internal/secrets/{quote(secret_ref, safe='')}/redeem", {})
        except ServiceUnavailable as error:
            raise TemporaryFailure(f"secrets_unavailable_{error.error_type}") from None
        except ServiceError as error:
            if error.status in _GONE:
                raise PermanentFailure(f"secret_gone_{error.status}") from None
            # 401/403 (token rotated), 409, 429 and 5xx can all be fixed without losing the mail.
            raise TemporaryFailure(f"secrets_http_{error.status}") from None
        except ValueError:
            raise TemporaryFailure("secrets_bad_response") from None
        if not isinstance(body, dict) or not isinstance(body.get("value"), str) or not body["value"]:
            raise TemporaryFailure("secrets_bad_response")
        return RedeemedSecret(kind=str(body.get("kind", "")), value=body["value"])
