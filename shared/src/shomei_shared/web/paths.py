"""Internal URLs built from identifiers: each identifier is one quoted path segment, so an id
holding `/`, `..`, `?` or `#` can never reach another endpoint or add a query (ADR 0023)."""

from __future__ import annotations

from urllib.parse import quote


def segment(value: object) -> str:
    return quote(str(value), safe="")


def url_path(template: str, *identifiers: object) -> str:
    """`url_path("/internal/tenants/{}/profile", tenant_id)`: every `{}` becomes one quoted segment."""
    return template.format(*(segment(value) for value in identifiers))
