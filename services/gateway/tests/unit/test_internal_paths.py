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
        return {"universities": []}


def test_a_tenant_id_cannot_leave_its_segment_nor_add_a_query() -> None:
    # (The graduate's own account is never in a URL: enrollment takes it from the assertion.)
    client = Recorded()
    HttpEnrollment(cast(InternalClient, client), lambda: "ja").catalogue("../../accounts/x?y=1#")
    assert client.asked == ["/internal/tenants/..%2F..%2Faccounts%2Fx%3Fy%3D1%23/catalogue"]


def test_url_path_quotes_every_identifier() -> None:
    assert url_path("/internal/tenants/{}/logo", "a b/c") == "/internal/tenants/a%20b%2Fc/logo"
    assert url_path("/internal/applications/{}/documents/{}", "%2e%2e", "日本") == (
        "/internal/applications/%252e%252e/documents/%E6%97%A5%E6%9C%AC")
