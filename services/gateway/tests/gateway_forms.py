"""Posting forms like a browser does: with the page's CSRF token."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient


def csrf(client: FlaskClient, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post(client: FlaskClient, path: str, data: dict[str, Any] | None = None, *, form_page: str | None = None,
         **kwargs: Any) -> Any:
    """POST like a browser: fetch the page with the form first (by default `path`) for its CSRF token."""
    token = csrf(client, form_page or path)
    return client.post(path, data={"csrf_token": token, **(data or {})}, **kwargs)


def hidden_fields(html: str) -> dict[str, str]:
    """The hidden inputs of a page (the confirmation screen carries the whole application)."""
    import html as entities

    found = {}
    for tag in re.findall(r"<input[^>]*>", html):
        if 'type="hidden"' in tag:
            name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
            if name and value:
                found[name.group(1)] = entities.unescape(value.group(1))
    return found
