"""schemathesis over every operation of an OpenAPI document served by a WSGI app.

Driven by hand rather than through schemathesis' pytest plugin, which does not run under pytest 9
here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

FUZZ = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)


Headers = Callable[[str, str], dict[str, str]]


def no_server_errors(app: Any, document_path: str, headers: Headers = lambda method, path: {}) -> int:
    """Generated requests to each operation; raises on any 5xx. Returns how many operations.
    `headers(method, path)` gives what a rightful caller of the operation sends, so the requests
    reach the view rather than stop at the door (a public API needs none)."""
    schema = schemathesis.openapi.from_wsgi(document_path, app, headers=headers("GET", document_path))
    tried = 0
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]  # an unreadable operation raises here

        @given(case=operation.as_strategy())
        @FUZZ
        def call(case: Any) -> None:
            sent = headers(case.operation.method, case.operation.path)
            case.call_and_validate(headers=sent, checks=[not_a_server_error])

        call()
        tried += 1
    return tried
