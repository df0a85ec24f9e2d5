"""Identifiers from the browser's reach (session, form, link) go into enrollment's URLs quoted,
one path segment each (ADR 0023)."""

from __future__ import annotations

from typing import Any, cast

from shomei_gateway.adapters.enrollment_http import HttpEnrollment
from shomei_shared.web.client import InternalClient
from shomei_shared.web.paths import url_path


class Recorded:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        self.asked.append(path)
        return {"profile": {}, "student_numbers": [], "changed": []}


def test_an_account_id_cannot_leave_its_segment_nor_add_a_query() -> None:
    client = Recorded()
    HttpEnrollment(cast(InternalClient, client), lambda: "ja").profile("../../tenants/x?y=1#", "demo-univ&z=2")
    assert client.asked == ["/internal/accounts/..%2F..%2Ftenants%2Fx%3Fy%3D1%23/profile?tenant_id=demo-univ%26z%3D2"]


def test_url_path_quotes_every_identifier() -> None:
    assert url_path("/internal/tenants/{}/logo", "a b/c") == "/internal/tenants/a%20b%2Fc/logo"
    assert url_path("/internal/applications/{}/documents/{}", "%2e%2e", "日本") == (
        "/internal/applications/%252e%252e/documents/%E6%97%A5%E6%9C%AC")
