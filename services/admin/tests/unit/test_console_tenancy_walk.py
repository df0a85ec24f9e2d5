"""Every page of the console, at another university's address, with a session of the first: the
console sends the browser to that university's sign-in and shows nothing. The walk takes the
routes from the app itself, so a page added later is walked without anyone remembering to."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from unit.test_console import sign_in

# Values for the routes' other parts; what matters is that the address is the other university's.
SAMPLE_VALUES = {"order_id": "order-1", "application_id": "app-other", "image_id": "img-1",
                 "certificate_id": "cert-1", "mail_id": "1", "payment_id": "pay-1"}
PUBLIC = {"healthz", "readyz", "metrics_endpoint", "console.login", "static"}


def console_pages(app: Flask) -> list[tuple[str, str]]:
    """(method, address) of every page, each under the other university's address (the tenancy
    middleware takes the first path segment as the university), but the sign-in pages and what is
    public or for the operators."""
    pages = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC:
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: SAMPLE_VALUES.get(m.group(1), "x1"), rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            pages.append((method, "/other-univ" + path))
    return pages


def test_every_console_page_at_another_universitys_address_asks_that_university_to_sign_in(
        app: Flask, client: FlaskClient) -> None:
    assert sign_in(client, "admin@demo-univ.example") == 302
    session = client.get_cookie("shomei_staff-demo-univ")
    assert session is not None
    client.set_cookie("shomei_staff-other-univ", session.value)  # as if the browser sent it as B's
    pages = console_pages(app)
    assert len(pages) > 25, pages  # the walk found the console's pages, not a handful
    for method, path in pages:
        answer = client.open(path, method=method)
        body = answer.get_data(as_text=True)
        assert answer.status_code in (302, 400, 403, 404), (method, path, answer.status_code)
        if answer.status_code == 302:
            assert answer.headers["Location"].startswith("/other-univ/login"), (method, path)
        assert "証明大学" not in body and "demo-univ" not in body, (method, path)
