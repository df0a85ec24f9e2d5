"""Calling another service's internal JSON API: the calling service's credential, the acting
person's assertion (ADR 0019), timeouts, the caller's language, correlation id, and errors turned
back into `{field: reason}`."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from typing import Any

from shomei_shared.logs import current_correlation_id
from shomei_shared.web.assertions import ASSERTION_HEADER
from shomei_shared.web.trust import request_assertion


class ServiceError(Exception):
    """The service answered with an error status; `errors` maps each field to its reason."""

    def __init__(self, status: int, errors: dict[str, str], retry_after: int | None = None) -> None:
        super().__init__(status, errors)
        self.status = status
        self.errors = errors
        self.retry_after = retry_after


class ServiceUnavailable(ServiceError):
    """No answer at all (refused, timed out); `error_type` names what happened."""

    def __init__(self, reason: str, error_type: str) -> None:
        super().__init__(503, {"_service": reason})
        self.error_type = error_type


class InternalClient:
    """`credential` is the calling service's own (`<service>.<secret>`); `assertion` gives the
    acting person's assertion for the current request, sent with every call when there is one."""

    def __init__(self, base_url: str, credential: str, *, timeout_s: float = 10.0,
                 language: Callable[[], str] = lambda: "ja",
                 assertion: Callable[[], str | None] = request_assertion) -> None:
        self._base = base_url.rstrip("/")
        self._credential = credential
        self._assertion = assertion
        self._timeout_s = timeout_s
        self._language = language
        # Service-to-service calls never go through an HTTP(S)_PROXY from the environment.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        return self._send(method, path, data, "application/json" if data is not None else None)

    def upload(self, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> Any:
        """POST multipart/form-data: `files` maps a field to (file name, content)."""
        boundary = uuid.uuid4().hex
        parts: list[bytes] = []
        for name, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, content) in files.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                         "Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self._send("POST", path, b"".join(parts), f"multipart/form-data; boundary={boundary}")

    def _send(self, method: str, path: str, data: bytes | None, content_type: str | None) -> Any:
        assertion = self._assertion()
        request = urllib.request.Request(self._base + path, data=data, method=method, headers={
            "Authorization": f"Bearer {self._credential}",
            **({ASSERTION_HEADER: assertion} if assertion else {}),
            "Accept": "application/json",
            "Accept-Language": self._language(),
            "X-Correlation-ID": current_correlation_id() or "",
            **({"Content-Type": content_type} if content_type else {}),
        })
        try:
            with self._opener.open(request, timeout=self._timeout_s) as response:
                raw = response.read()
                content_type = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            raise _service_error(error) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            kind = type(error).__name__
            raise ServiceUnavailable(f"{self._base} unreachable: {kind}", kind) from None
        if not raw:
            return None
        if "json" in content_type:
            return json.loads(raw)
        return raw, content_type


def _service_error(error: urllib.error.HTTPError) -> ServiceError:
    retry_after = error.headers.get("Retry-After")
    try:
        payload = json.loads(error.read() or b"{}")
        errors = {item["field"]: item["reason"] for item in payload.get("errors", [])}
    except (ValueError, KeyError, TypeError, AttributeError):
        errors = {}
    return ServiceError(error.code, errors or {"_service": error.reason or "error"},
                        int(retry_after) if retry_after and retry_after.isdigit() else None)
