"""The two providers' APIs as their simulators speak them (simulators/README.md, ADR 0027): netprint
gives a number per document, Sharp network print one user number per batch. Every file goes under
the random name print-gateway gave it; nothing personal leaves in a name or a field."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import requests

from shomei_print_gateway.service_layer.ports import ProviderUnavailable, Submitted, Upload

TIMEOUT = (5.0, 30.0)  # connect, read: a 10 MB upload on a slow link


class _Provider:
    name = ""
    per_document = True
    _collection = ""

    def __init__(self, base_url: str) -> None:
        self._base = base_url.rstrip("/")
        self._session = requests.Session()
        self._session.trust_env = False  # never through a proxy from the environment

    def _auth(self) -> dict[str, Any]:
        raise NotImplementedError

    def _send(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        try:
            answer = self._session.request(method, self._base + path, timeout=TIMEOUT, **self._auth(), **kwargs)
        except requests.RequestException as error:
            raise ProviderUnavailable(f"{self.name}: {type(error).__name__}") from None
        if answer.status_code >= 500 or answer.status_code == 429:
            raise ProviderUnavailable(f"{self.name}: HTTP {answer.status_code}")
        return answer

    def _post(self, uploads: Sequence[Upload], expires_at: datetime, expiry_field: str) -> dict[str, Any]:
        answer = self._send("POST", self._collection, data={"color_mode": "monochrome",
                                                            expiry_field: expires_at.isoformat()},
                            files=[("file", (upload.file_name, upload.pdf, "application/pdf")) for upload in uploads])
        answer.raise_for_status()  # a refused file is our fault, not the provider's: no retry helps
        body: dict[str, Any] = answer.json()
        return body

    def withdraw(self, number: str) -> None:
        answer = self._send("DELETE", f"{self._collection}/{number}")
        if answer.status_code not in (204, 404):
            answer.raise_for_status()

    def find(self, file_name: str) -> str | None:
        answer = self._send("GET", self._collection, params={"file_name": file_name})
        answer.raise_for_status()
        found: list[str] = answer.json()["numbers"]
        return found[0] if found else None


class Netprint(_Provider):
    name = "netprint"
    per_document = True
    _collection = "/api/v1/files"

    def __init__(self, base_url: str, api_key: str) -> None:
        super().__init__(base_url)
        self._key = api_key

    def _auth(self) -> dict[str, Any]:
        return {"headers": {"X-Api-Key": self._key}}

    def submit(self, uploads: Sequence[Upload], expires_at: datetime) -> Submitted:
        [upload] = uploads
        body = self._post([upload], expires_at, "expires_at")
        return Submitted(number=body["reservation_number"], document_ids=[body["file_id"]])


class SharpPrint(_Provider):
    name = "sharpprint"
    per_document = False
    _collection = "/api/v1/orders"

    def __init__(self, base_url: str, username: str, password: str) -> None:
        super().__init__(base_url)
        self._credentials = (username, password)

    def _auth(self) -> dict[str, Any]:
        return {"auth": self._credentials}

    def submit(self, uploads: Sequence[Upload], expires_at: datetime) -> Submitted:
        body = self._post(uploads, expires_at, "delete_at")
        return Submitted(number=body["user_number"], document_ids=[d["document_id"] for d in body["documents"]])
